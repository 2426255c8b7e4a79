using System.Globalization;
using MarginBot.Conversations.Chat;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;

namespace MarginBot.Telegram.Tests.Reliability;

/// <summary>
/// The dispatcher alone, in process, over its own LiteDB file, fed the same messages as the bot:
/// what a bot that never crashed, never met a fault and never mixed chats up would answer and store.
/// </summary>
internal sealed class Oracle : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dispatcher _dispatcher;
    private long _nextId = 1;

    public Oracle(string folder)
    {
        Storage = LiteDbStorage.Open(Path.Combine(folder, "oracle.db"));
        _dispatcher = new Dispatcher(Storage.AsStores(), TierCatalog.LoadBundled(), TimeProvider.System, new ConversationOptions { BotName = FakeBotApi.BotUsername, MessagesPerMinute = 1_000_000 });
    }

    public LiteDbStorage Storage { get; }

    /// <summary>The texts a user's private message or press gets, in order (sendMessage, editMessageText or a photo's caption).</summary>
    public IReadOnlyList<string> Says(long chatId, long userId, string text, string name = "Alice")
    {
        lock (_gate)
        {
            var kind = chatId > 0 ? ChatKind.Private : ChatKind.Group;
            return [.. _dispatcher.Handle(InboundMessage.Typed(chatId, kind, userId, name, text, _nextId++)).Select(r => r.Html)];
        }
    }

    public IReadOnlyList<string> Presses(long chatId, long userId, string data, string name = "Alice") =>
        [.. PressReplies(chatId, userId, data, name).Select(r => r.Html)];

    /// <summary>The replies a press gets, with whether each edits the pressed message.</summary>
    public IReadOnlyList<Reply> PressReplies(long chatId, long userId, string data, string name = "Alice")
    {
        lock (_gate)
        {
            var kind = chatId > 0 ? ChatKind.Private : ChatKind.Group;
            return _dispatcher.Handle(InboundMessage.Pressed(chatId, kind, userId, name, data, -_nextId++));
        }
    }

    public void Dispose() => Storage.Dispose();
}

/// <summary>Settings the reliability tests share.</summary>
internal static class ReliabilitySettings
{
    /// <summary>The bot's send limits (MarginBot:Telegram:Limits).</summary>
    public static void SendLimits(Dictionary<string, string?> settings, (int Messages, TimeSpan Period) chat, (int Messages, TimeSpan Period) group, (int Messages, TimeSpan Period) overall)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (name, (messages, period)) in new[] { ("Chat", chat), ("Group", group), ("Global", overall) })
        {
            settings[$"MarginBot:Telegram:Limits:{name}Messages"] = messages.ToString(CultureInfo.InvariantCulture);
            settings[$"MarginBot:Telegram:Limits:{name}Period"] = period.ToString("c", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>No per-user message budget to refuse a test's scripts, no exchange, warnings only.</summary>
    public static void ForLoadTests(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["MarginBot:Conversations:MessagesPerMinute"] = "100000";
        settings["MarginBot:MarketData:Enabled"] = "false";
        settings["Logging:LogLevel:Default"] = "Warning";
    }
}

/// <summary>What the fake server received, read as chat answers.</summary>
internal static class Answers
{
    /// <summary>Accepted calls that show text in <paramref name="chatId"/>: new messages, edited texts and captions, in arrival order.</summary>
    public static List<ApiCall> In(FakeBotApi api, long chatId) =>
        [.. api.Calls.Where(c => c.Ok && c.ChatId == chatId && (c.IsSend || c.IsEdit))];

    /// <summary>
    /// No two sends of <paramref name="sends"/> closer than a token bucket of <paramref name="limit"/>
    /// per <paramref name="period"/> allows, with <paramref name="tolerance"/> for the network between
    /// the bot's limiter and the server's clock.
    /// </summary>
    public static void AssertWithinBucket(IReadOnlyList<DateTimeOffset> sends, int limit, TimeSpan period, TimeSpan tolerance, string what)
    {
        for (var i = 0; i < sends.Count; i++)
        {
            for (var j = i; j < sends.Count; j++)
            {
                var span = sends[j] - sends[i] + tolerance;
                var allowed = limit + (int)Math.Floor(limit * span.Ticks / (double)period.Ticks);
                Assert.True(j - i + 1 <= allowed, $"{what}: {j - i + 1} sends within {(sends[j] - sends[i]).TotalMilliseconds} ms; at most {allowed} allowed ({limit} per {period.TotalMilliseconds} ms, tolerance {tolerance.TotalMilliseconds} ms)");
            }
        }
    }
}
