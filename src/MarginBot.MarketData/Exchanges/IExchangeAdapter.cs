using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.MarketData.Exchanges;

/// <summary>
/// One exchange's public endpoints. Symbols are MarginBot's USDT-margined names (<c>BTCUSDT</c>),
/// already validated. Failures throw <see cref="MarketDataUnavailableException"/>.
/// </summary>
internal interface IExchangeAdapter
{
    ExchangeId Exchange { get; }

    Task<MarkPrice> GetMarkPriceAsync(string symbol, CancellationToken deadline);

    /// <summary>
    /// The marks of every USDT-margined perpetual the exchange lists, in one request, keyed by MarginBot's
    /// symbol. Rows MarginBot cannot use (other contract kinds, unreadable figures) are left out.
    /// </summary>
    Task<IReadOnlyDictionary<string, MarkPrice>> GetAllMarkPricesAsync(CancellationToken deadline);

    Task<FundingRate> GetFundingRateAsync(string symbol, CancellationToken deadline);

    /// <summary>The tiers as a <see cref="TierSource.Live"/> table; the caller stamps the fetch time.</summary>
    Task<TierTable> GetTierTableAsync(string symbol, CancellationToken deadline);
}
