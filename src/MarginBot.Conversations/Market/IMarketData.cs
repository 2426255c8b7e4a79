using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Market;

/// <summary>
/// Live market data from the exchanges' public endpoints: the port the conversation layer asks and
/// an adapter (MarginBot.MarketData) answers. Symbols are MarginBot's names (<c>BTCUSDT</c>); the
/// adapter maps them to each exchange's own.
/// </summary>
/// <remarks>
/// Every method answers within a bounded time. Offline, failing, rate-limited or unreadable answers
/// come back as <see cref="MarketAnswer{T}.IsAvailable"/> <c>false</c> with a short reason, never as an
/// exception; only the caller's own cancellation token ends a call with
/// <see cref="OperationCanceledException"/>.
/// </remarks>
public interface IMarketData
{
    /// <summary>The mark price (the price exchanges liquidate on) of <paramref name="symbol"/>.</summary>
    Task<MarketAnswer<MarkPrice>> GetMarkPriceAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default);

    /// <summary>
    /// The marks of <paramref name="symbols"/> on one exchange, one answer per symbol in the same order.
    /// The adapter asks the exchange for all of them in one request where the exchange lists every
    /// symbol in one answer, and that answer fills the per-symbol cache. This default asks one by one.
    /// </summary>
    async Task<IReadOnlyList<MarketAnswer<MarkPrice>>> GetMarkPricesAsync(ExchangeId exchange, IReadOnlyList<string> symbols, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        return await Task.WhenAll(symbols.Select(s => GetMarkPriceAsync(exchange, s, cancellationToken)));
    }

    /// <summary>The current funding rate of <paramref name="symbol"/> and when it is next settled.</summary>
    Task<MarketAnswer<FundingRate>> GetFundingRateAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default);

    /// <summary>
    /// The exchange's current maintenance-margin tiers of <paramref name="symbol"/>, as a
    /// <see cref="TierTable"/> with <see cref="TierSource.Live"/> and the fetch time (ISO 8601, UTC) as
    /// <see cref="TierTable.AsOf"/>. Not available where the exchange publishes tiers only to signed
    /// requests (Binance): the bundled table applies there.
    /// </summary>
    Task<MarketAnswer<TierTable>> GetTierTableAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default);
}
