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
/// decisions wait with it (they need the storage lock it holds), which a cached answer avoids. The
/// adapter's own I/O is asynchronous and has no synchronization context to deadlock on.
/// </remarks>
internal sealed class LiveMarket
{
    private readonly IMarketData _market;

    public LiveMarket(IMarketData market, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero);
        _market = market;
        Wait = wait;
    }

    /// <summary>Live data switched off: every answer "not available", at once.</summary>
    public static LiveMarket Offline { get; } = new(new OfflineMarketData(), TimeSpan.FromSeconds(1));

    /// <summary>The longest a flow waits for one answer.</summary>
    public TimeSpan Wait { get; }

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
        try
        {
            Task.WaitAll([.. tasks], Wait);
        }
        catch (AggregateException)
        {
            // Each task is looked at below; a cancelled one is "too slow".
        }

        return [.. symbols.Select((s, i) => tasks[i].IsCompletedSuccessfully
            ? tasks[i].Result
            : MarketAnswer.NotAvailable<MarkPrice>(exchange, s, Texts.Market.TooSlow(ExchangeProfile.Of(exchange).Name, Wait)))];
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

            // Wall-clock wait on purpose: the network is real even when the conversation clock is fake.
            return task.Wait(Wait) ? task.Result : MarketAnswer.NotAvailable<T>(exchange, symbol, Texts.Market.TooSlow(ExchangeProfile.Of(exchange).Name, Wait));
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException)
        {
            return MarketAnswer.NotAvailable<T>(exchange, symbol, Texts.Market.TooSlow(ExchangeProfile.Of(exchange).Name, Wait));
        }
        catch (OperationCanceledException)
        {
            return MarketAnswer.NotAvailable<T>(exchange, symbol, Texts.Market.TooSlow(ExchangeProfile.Of(exchange).Name, Wait));
        }
    }
}
