using System.Globalization;
using MarginBot.Hosting;
using MarginBot.Telegram;
using MarginBot.Telegram.Tests;
using Microsoft.Extensions.Hosting;

namespace MarginBot.Benchmarks.EndToEnd;

/// <summary>
/// The real host, composed as Program.cs composes it (without market data and alerts, as the Telegram
/// tests do), with the real TelegramBotClient pointed at a <see cref="FakeBotApi"/> and a LiteDB file
/// in a temporary folder. Telegram's send limits are relaxed so that they do not set the pace.
/// </summary>
internal sealed class HostedBot : IAsyncDisposable
{
    public const int PollSeconds = 5;

    private readonly IHost _host;
    private readonly DirectoryInfo _folder;

    private HostedBot(IHost host, DirectoryInfo folder)
    {
        _host = host;
        _folder = folder;
    }

    /// <summary>The settings of a measured bot: Telegram's limits lifted far above what the load reaches, warnings only in the log.</summary>
    public static Dictionary<string, string?> Settings(Uri baseUrl, string databasePath) => new()
    {
        ["MarginBot:Telegram:Token"] = FakeBotApi.Token,
        ["MarginBot:Telegram:BaseUrl"] = baseUrl.ToString(),
        ["MarginBot:Telegram:PollTimeoutSeconds"] = PollSeconds.ToString(CultureInfo.InvariantCulture),
        ["MarginBot:Telegram:Limits:ChatMessages"] = "1000",
        ["MarginBot:Telegram:Limits:ChatPeriod"] = "00:00:01",
        ["MarginBot:Telegram:Limits:GroupMessages"] = "1000",
        ["MarginBot:Telegram:Limits:GroupPeriod"] = "00:00:01",
        ["MarginBot:Telegram:Limits:GlobalMessages"] = "1000000",
        ["MarginBot:Telegram:Limits:GlobalPeriod"] = "00:00:01",
        ["MarginBot:MarketData:Enabled"] = "false",
        ["MarginBot:Storage:Path"] = databasePath,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public static async Task<HostedBot> StartAsync(FakeBotApi api)
    {
        var folder = Directory.CreateTempSubdirectory("marginbot-e2e-");
        var builder = BotHost.CreateBuilder(BotConfiguration.Load(Settings(api.BaseUrl, Path.Combine(folder.FullName, "bot.db"))))
            .AddBotLogging()
            .AddTelegramOptions()
            .AddConversationStorage()
            .AddConversationEngine()
            .AddTelegramClient()
            .AddTelegramUpdates()
            .AddTelegramSending()
            .AddTelegramReceiving();
        var host = builder.BuildBot();
        await host.StartAsync();
        return new HostedBot(host, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
        _folder.Delete(recursive: true);
    }
}
