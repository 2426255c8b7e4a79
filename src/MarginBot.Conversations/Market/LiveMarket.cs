using System.Collections.Concurrent;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Market;

/// <summary>
/// The conversation layer's synchronous view of <see cref="IMarketData"/>: the dispatcher is
/// synchronous (LiteDB), so a flow asks here and waits at most <see cref="Wait"/> for an answer. A
/// cached answer comes back at once; a slow one becomes "not available" and the flow answers from
/// what the user typed. The fetch itself goes on and fills the cache for the next question.
/// </summary>
/// <remarks>
/// Blocking is bounded: the Telegram pipeline decides updates one at a time, on the storage thread
/// inside a transaction, so one pool thread waits, for at most <see cref="Wait"/>; the other chats'
/// decisions wait with it (they need the storage lock it holds), which a cached answer avoids. So
/// that one slow exchange cannot hold every chat for a whole wait per symbol asked, an exchange that
/// kept a flow waiting the whole <see cref="Wait"/> is not waited for again during <see cref="Quiet"/>:
/// meanwhile its answers come from the cache or at once as "slow right now" (the fetches still go
/// on and fill the cache). The adapter's own I/O is asynchronous and has no synchronization context
/// to deadlock on.
/// </remarks>
internal sealed class LiveMarket
{
    private readonly IMarketData _market;

    private readonly TimeProvider _time;

    // Per exchange, until when flows do not wait for it (after it kept one waiting the whole wait).
    private readonly ConcurrentDictionary<ExchangeId, DateTimeOffset> _quietUntil = new();

    public LiveMarket(IMarketData market, TimeSpan wait, TimeSpan? quiet = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero);
        _market = market;
        Wait = wait;
        Quiet = quiet ?? DefaultQuiet;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long an exchange that did not answer within <see cref="Wait"/> is not waited for: as long as a failure is cached.</summary>
    public static TimeSpan DefaultQuiet { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Live data switched off: every answer "not available", at once.</summary>
    public static LiveMarket Offline { get; } = new(new OfflineMarketData(), TimeSpan.FromSeconds(1));

    /// <summary>The longest a flow waits for one answer.</summary>
    public TimeSpan Wait { get; }

    /// <summary>How long an exchange that kept a flow waiting the whole <see cref="Wait"/> is not waited for again.</summary>
    public TimeSpan Quiet { get; }

    /// <summary>False when live data is switched off: replies then say nothing about live figures they never asked for.</summary>
    public bool IsLive => _market is not OfflineMarketData;

    public MarketAnswer<MarkPrice> Mark(ExchangeId exchange, string symbol) =>
        Ask(exchange, symbol, token => _market.GetMarkPriceAsync(exchange, symbol, token));

    public MarketAnswer<FundingRate> Funding(ExchangeId exchange, string symbol) =>
        Ask(exchange, symbol, token => _market.GetFundingRateAsync(exchange, symbol, token));

    public MarketAnswer<TierTable> Tiers(ExchangeId exchange, string symbol) =>
        Ask(exchange, symbol, token => _market.GetTierTableAsync(exchange, symbol, token));

    /// <summary>The marks of several symbols, asked together and waited for together.</summary>
    public IReadOnlyList<MarketAnswer<MarkPrice>> Marks(ExchangeId exchange, IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        using var stop = new CancellationTokenSource(Wait);
        var tasks = symbols.Select(s => _market.GetMarkPriceAsync(exchange, s, stop.Token)).ToList();
        var quiet = IsQuiet(exchange);
        if (!quiet)
        {
            try
            {
                Task.WaitAll([.. tasks], Wait);
            }
            catch (AggregateException)
            {
                // Each task is looked at below; a cancelled one is "too slow".
            }

            if (tasks.Any(t => !t.IsCompleted || t.IsCanceled))
            {
                BeQuiet(exchange);
            }
        }

        var reason = quiet ? Texts.Market.StillSlow(ExchangeProfile.Of(exchange).Name, Wait) : Texts.Market.TooSlow(ExchangeProfile.Of(exchange).Name, Wait);
        return [.. symbols.Select((s, i) => tasks[i].IsCompletedSuccessfully
            ? tasks[i].Result
            : MarketAnswer.NotAvailable<MarkPrice>(exchange, s, reason))];
    }

    private MarketAnswer<T> Ask<T>(ExchangeId exchange, string symbol, Func<CancellationToken, Task<MarketAnswer<T>>> ask)
        where T : class
    {
        using var stop = new CancellationTokenSource(Wait);
        try
        {
            var task = ask(stop.Token);
            if (task.IsCompletedSuccessfully)
            {
                return task.Result;
            }

            if (IsQuiet(exchange))
            {
                return MarketAnswer.NotAvailable<T>(exchange, symbol, Texts.Market.StillSlow(ExchangeProfile.Of(exchange).Name, Wait));
            }

            // Wall-clock wait on purpose: the network is real even when the conversation clock is fake.
            if (task.Wait(Wait))
            {
                return task.Result;
            }

            BeQuiet(exchange);
            return MarketAnswer.NotAvailable<T>(exchange, symbol, Texts.Market.TooSlow(ExchangeProfile.Of(exchange).Name, Wait));
        }
        catch (Exception e) when (e is OperationCanceledException || e.InnerException is OperationCanceledException)
        {
            // Cancelled by the stop above: the whole wait went by.
            BeQuiet(exchange);
            return MarketAnswer.NotAvailable<T>(exchange, symbol, Texts.Market.TooSlow(ExchangeProfile.Of(exchange).Name, Wait));
        }
    }

    private bool IsQuiet(ExchangeId exchange) => _quietUntil.TryGetValue(exchange, out var until) && _time.GetUtcNow() < until;

    private void BeQuiet(ExchangeId exchange) => _quietUntil[exchange] = _time.GetUtcNow() + Quiet;
}
