using MarginBot.Conversations.Alerts;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Market;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Settings;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarginBot.Alerts;

/// <summary>Sends the alerts of a pass that were not already sent that day; recording and queueing each is one step.</summary>
internal interface IAlertSender
{
    /// <summary>
    /// Records and queues each of <paramref name="alerts"/> not sent before on <paramref name="day"/>;
    /// returns how many were sent now. Each alert's record and message are stored together.
    /// </summary>
    int SendNew(IReadOnlyList<(long UserId, PendingAlert Alert)> alerts, DateOnly day);
}

/// <summary>
/// Liquidation alerts: every <see cref="Interval"/> the marks of the symbols that subscribers' books
/// hold are refreshed (one batched request per exchange through the market-data port, which answers
/// from its cache or the exchange's all-symbol endpoint within its per-exchange rate limits), each book is recomputed by the engine (<see cref="AlertPass"/>), and
/// each level crossed is sent at most once per position per UTC day. A symbol without a live mark
/// (exchange failing, rate-limited, too slow) produces no alert: never from stale or missing data.
/// </summary>
internal sealed partial class AlertService(
    IAlertStore alerts,
    IBookStore books,
    IUserSettingsStore users,
    TierCatalog catalog,
    IMarketData market,
    IAlertSender sender,
    TimeProvider clock,
    TimeSpan interval,
    ILogger<AlertService>? log = null) : BackgroundService
{
    private readonly ILogger _log = log ?? NullLogger<AlertService>.Instance;

    public TimeSpan Interval { get; } = interval;

    /// <summary>One pass over every subscriber; returns how many alerts were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var subscribers = new List<(long User, TraderBook Book, UserSettings Settings, AlertSettings Alerts)>();
        foreach (var user in alerts.Subscribers())
        {
            if (books.Load(user) is { Positions.Count: > 0 } book && alerts.Load(user) is { Enabled: true } settings)
            {
                subscribers.Add((user, book, users.Load(user) ?? UserSettings.Default, settings));
            }
        }

        if (subscribers.Count == 0)
        {
            return 0;
        }

        // One batched request per exchange (its all-symbol answer), the exchanges asked side by side.
        var wanted = subscribers.SelectMany(s => s.Book.Positions.Select(p => (s.Settings.Exchange, p.Symbol))).Distinct()
            .GroupBy(k => k.Exchange, k => k.Symbol);
        var answers = await Task.WhenAll(wanted.Select(g => market.GetMarkPricesAsync(g.Key, [.. g], cancellationToken)));
        var marks = new Dictionary<(ExchangeId, string), decimal>();
        foreach (var answer in answers.SelectMany(a => a))
        {
            if (answer.IsAvailable)
            {
                marks[(answer.Exchange, answer.Symbol)] = answer.Value.Price;
            }
        }

        return Evaluate(subscribers, marks);
    }

    /// <summary>The alerts of each subscriber at <paramref name="marks"/>, sent through the sender; no I/O but the store's.</summary>
    internal int Evaluate(
        IReadOnlyList<(long User, TraderBook Book, UserSettings Settings, AlertSettings Alerts)> subscribers,
        IReadOnlyDictionary<(ExchangeId, string), decimal> marks)
    {
        var now = clock.GetUtcNow();
        var found = new List<(long UserId, PendingAlert Alert)>();
        foreach (var (user, book, settings, alertSettings) in subscribers)
        {
            var live = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var p in book.Positions)
            {
                if (marks.TryGetValue((settings.Exchange, p.Symbol), out var mark))
                {
                    live[p.Symbol] = mark;
                }
            }

            if (live.Count == 0)
            {
                continue;
            }

            IReadOnlyList<PendingAlert> pending;
            try
            {
                pending = AlertPass.Check(book, settings, alertSettings, live, catalog, now);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                // One unreadable book must not stop the others' alerts.
                LogBookFailed(_log, e, user);
                continue;
            }

            found.AddRange(pending.Select(alert => (user, alert)));
        }

        // Stored together, not one transaction each: a market-wide move can cross levels for thousands at once.
        return found.Count == 0 ? 0 : sender.SendNew(found, DateOnly.FromDateTime(now.UtcDateTime));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var sent = await RunOnceAsync(stoppingToken);
                if (sent > 0)
                {
                    LogSent(_log, sent);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing pass is logged; the next one runs on time.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogPassFailed(_log, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken token)
    {
        try
        {
            return await timer.WaitForNextTickAsync(token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} liquidation alerts")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alerts of user {UserId} could not be computed")]
    private static partial void LogBookFailed(ILogger logger, Exception exception, long userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "An alert pass failed; the next runs on time")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
