using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Market;

/// <summary>
/// The market data of a bot with live data switched off (or in transcript tests): every answer is
/// "not available", so replies fall back to what the user typed and the bundled tables.
/// </summary>
public sealed class OfflineMarketData : IMarketData
{
    /// <summary>The reason every answer gives.</summary>
    public const string Reason = "live market data is switched off";

    /// <inheritdoc />
    public Task<MarketAnswer<MarkPrice>> GetMarkPriceAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default) =>
        Task.FromResult(MarketAnswer.NotAvailable<MarkPrice>(exchange, symbol, Reason));

    /// <inheritdoc />
    public Task<MarketAnswer<FundingRate>> GetFundingRateAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default) =>
        Task.FromResult(MarketAnswer.NotAvailable<FundingRate>(exchange, symbol, Reason));

    /// <inheritdoc />
    public Task<MarketAnswer<TierTable>> GetTierTableAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default) =>
        Task.FromResult(MarketAnswer.NotAvailable<TierTable>(exchange, symbol, Reason));
}
