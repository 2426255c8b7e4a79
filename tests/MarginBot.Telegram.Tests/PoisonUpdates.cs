using System.Text;

namespace MarginBot.Telegram.Tests;

/// <summary>Updates Telegram itself would not send, but a broken or hostile sender could: each must be skipped alone.</summary>
internal static class PoisonUpdates
{
    private const string From = "\"from\":{\"id\":77,\"is_bot\":false,\"first_name\":\"Eve\"}";
    private const string Chat = "\"chat\":{\"id\":77,\"type\":\"private\",\"first_name\":\"Eve\"}";

    public const string InlineWithoutFrom = """{"update_id":{id},"inline_query":{"id":"x","query":"btc","offset":""}}""";

    public const string PressWithoutMessageOrFrom = """{"update_id":{id},"callback_query":{"id":"q1","chat_instance":"c1","data":"chk:Summary:save"}}""";

    public const string MessageWithoutChat = "{\"update_id\":{id},\"message\":{\"message_id\":5,\"date\":1760000000," + From + ",\"text\":\"/mistakes\"}}";

    public const string DateNotANumber = "{\"update_id\":{id},\"message\":{\"message_id\":6,\"date\":\"notanumber\"," + From + "," + Chat + ",\"text\":\"/mistakes\"}}";

    public const string LoneSurrogateName = "{\"update_id\":{id},\"message\":{\"message_id\":7,\"date\":1760000000,\"from\":{\"id\":77,\"is_bot\":false,\"first_name\":\"\\ud800x\"}," + Chat + ",\"text\":\"/mistakes\"}}";

    public const string MessageIsANumber = """{"update_id":{id},"message":5}""";

    public const string MyChatMemberWithoutChat = """{"update_id":{id},"my_chat_member":{"from":{"id":77,"is_bot":false,"first_name":"Eve"},"date":1760000000}}""";

    /// <summary>A message whose unknown field nests 5,000 arrays deep (the library reads 64 levels).</summary>
    public static string Deep { get; } = "{\"update_id\":{id},\"message\":{\"message_id\":8,\"date\":1760000000," + From + "," + Chat + ",\"text\":\"/mistakes\",\"x\":"
        + new string('[', 5000) + new string(']', 5000) + "}}";

    /// <summary>Each poison kind above, with a name for failure messages.</summary>
    public static IReadOnlyList<(string Name, string Json)> All { get; } =
    [
        ("inline query without from", InlineWithoutFrom),
        ("press without message or from", PressWithoutMessageOrFrom),
        ("message without chat", MessageWithoutChat),
        ("date not a number", DateNotANumber),
        ("lone surrogate in a name", LoneSurrogateName),
        ("message is a number", MessageIsANumber),
        ("my_chat_member without chat", MyChatMemberWithoutChat),
        ("5,000 levels deep", Deep),
    ];

    /// <summary>A readable message of a million characters to <paramref name="chatId"/>: not poison, answered as too long.</summary>
    public static string Huge(long chatId)
    {
        var text = new StringBuilder().Insert(0, "1234567890", 100_000).ToString();
        return "{\"update_id\":{id},\"message\":{\"message_id\":9,\"date\":1760000000,\"from\":{\"id\":" + chatId + ",\"is_bot\":false,\"first_name\":\"Hugh\"},"
            + "\"chat\":{\"id\":" + chatId + ",\"type\":\"private\",\"first_name\":\"Hugh\"},\"text\":\"" + text + "\"}}";
    }
}
