namespace MarginBot.Telegram.Tests;

/// <summary>A fake Bot API server, a temporary folder for the LiteDB file, and the bot running against them.</summary>
internal sealed class Scenario : IAsyncDisposable
{
    private Scenario(FakeBotApi api, DirectoryInfo folder)
    {
        Api = api;
        Folder = folder;
    }

    public FakeBotApi Api { get; }

    public DirectoryInfo Folder { get; }

    public TestBot Bot { get; private set; } = null!;

    public static async Task<Scenario> StartAsync(Action<Dictionary<string, string?>>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var api = await FakeBotApi.StartAsync();
        var scenario = new Scenario(api, Directory.CreateTempSubdirectory("marginbot-telegram-"));
        scenario.Bot = await TestBot.StartAsync(api, scenario.Folder.FullName, settings, services);
        return scenario;
    }

    /// <summary>Stops the bot as a service manager would and starts a new process's worth of it on the same file.</summary>
    public async Task RestartAsync()
    {
        await Bot.DisposeAsync();
        Bot = await TestBot.StartAsync(Api, Folder.FullName);
    }

    /// <summary>The user types; returns once the bot handled it and sent every reply.</summary>
    public async Task<int> SayAsync(long chatId, long userId, string text, string firstName = "Alice")
    {
        var update = Api.UserSays(chatId, userId, text, firstName);
        await Bot.SettledAsync(Api, update);
        return update;
    }

    /// <summary>The user presses the newest button with that label; returns the pressed message's id.</summary>
    public async Task<int> PressAsync(long chatId, long userId, string label)
    {
        var (messageId, data) = Api.Button(chatId, label);
        var update = Api.UserPresses(chatId, userId, messageId, data);
        await Bot.SettledAsync(Api, update);
        return messageId;
    }

    public string LastText(long chatId) => Api.MessagesIn(chatId)[^1].Text;

    public void AssertTokenNeverLogged()
    {
        var leaks = Bot.Logs.Lines.Where(l => l.Text.Contains(FakeBotApi.Token, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "the token appears in: " + string.Join("\n", leaks.Select(l => l.Category + ": " + l.Text)));
        Assert.NotEmpty(Bot.Logs.Lines);
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
        Folder.Delete(recursive: true);
    }
}
