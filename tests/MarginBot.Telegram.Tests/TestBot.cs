using System.Collections.Concurrent;
using MarginBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarginBot.Telegram.Tests;

/// <summary>
/// The real host, composed as Program.cs composes it, with the real TelegramBotClient pointed at a
/// <see cref="FakeBotApi"/> and a LiteDB file in a temporary folder; short limits keep tests quick.
/// </summary>
internal sealed class TestBot : IAsyncDisposable
{
    private readonly IHost _host;

    private TestBot(IHost host, LogSink logs)
    {
        _host = host;
        Logs = logs;
    }

    public LogSink Logs { get; }

    public IServiceProvider Services => _host.Services;

    public Outbox Outbox => _host.Services.GetRequiredService<Outbox>();

    public MarginBot.Storage.LiteDbStorage Storage => _host.Services.GetRequiredService<MarginBot.Storage.LiteDbStorage>();

    /// <summary>Settings the tests use unless they say otherwise.</summary>
    public static Dictionary<string, string?> Settings(FakeBotApi api, string folder) => new()
    {
        ["MarginBot:Telegram:Token"] = FakeBotApi.Token,
        ["MarginBot:Telegram:BaseUrl"] = api.BaseUrl.ToString(),
        ["MarginBot:Telegram:PollTimeoutSeconds"] = "5",
        ["MarginBot:Telegram:SendTimeoutSeconds"] = "3",
        ["MarginBot:Telegram:Limits:ChatMessages"] = "1",
        ["MarginBot:Telegram:Limits:ChatPeriod"] = "00:00:00.100",
        ["MarginBot:Telegram:Limits:GroupMessages"] = "4",
        ["MarginBot:Telegram:Limits:GroupPeriod"] = "00:00:01",
        ["MarginBot:Telegram:Limits:GlobalMessages"] = "30",
        ["MarginBot:Telegram:Limits:GlobalPeriod"] = "00:00:01",
        ["MarginBot:Telegram:Retry:FirstDelay"] = "00:00:00.050",
        ["MarginBot:Telegram:Retry:MaxDelay"] = "00:00:00.400",
        ["MarginBot:Storage:Path"] = Path.Combine(folder, "bot.db"),
        ["Logging:LogLevel:Default"] = "Debug",
    };

    public static async Task<TestBot> StartAsync(
        FakeBotApi api,
        string folder,
        Action<Dictionary<string, string?>>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var values = Settings(api, folder);
        settings?.Invoke(values);
        var logs = new LogSink();
        var builder = BotHost.CreateBuilder(BotConfiguration.Load(values))
            .AddBotLogging()
            .AddTelegramOptions()
            .AddConversationStorage()
            .AddConversationEngine()
            .AddTelegramClient()
            .AddTelegramUpdates()
            .AddTelegramSending()
            .AddTelegramReceiving();
        builder.Logging.AddProvider(logs);
        services?.Invoke(builder.Services);
        var host = builder.BuildBot();
        await host.StartAsync();
        return new TestBot(host, logs);
    }

    /// <summary>Waits until getUpdates confirmed <paramref name="updateId"/> (so it was handled) and every queued reply was sent.</summary>
    public async Task SettledAsync(FakeBotApi api, int updateId)
    {
        await api.WaitUntilAsync(() => api.ConfirmedBelow > updateId, TimeSpan.FromSeconds(15), $"update {updateId} to be confirmed");
        await Outbox.WhenIdle().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}

/// <summary>Every log line of the host, formatted, with its exception.</summary>
internal sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (exception is not null)
            {
                text += "\n" + exception;
            }

            // Structured values too: a token hidden in a property would reach a structured sink.
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                text += " | " + string.Join(", ", values.Select(v => v.Key + "=" + v.Value));
            }

            lines.Enqueue((logLevel, category, text));
        }
    }
}
