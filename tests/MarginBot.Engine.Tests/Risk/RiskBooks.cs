using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Risk;
using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Tests.Risk;

/// <summary>The books of the risk tests, each stated in full where it is used.</summary>
internal static class RiskBooks
{
    public static TierCatalog Catalog { get; } = TierCatalog.LoadBundled();

    public static Position Pos(string symbol, Side side, decimal qty, decimal entry, decimal leverage, MarginMode mode, decimal? margin = null) =>
        new() { Symbol = symbol, Side = side, Quantity = qty, EntryPrice = entry, Leverage = leverage, Mode = mode, IsolatedMargin = margin };

    public static Book Book(
        decimal wallet,
        IReadOnlyList<Position> positions,
        IReadOnlyDictionary<string, decimal>? marks = null,
        IReadOnlyDictionary<string, TierTable>? tiers = null,
        ExchangeProfile? exchange = null) =>
        new Book
        {
            Exchange = exchange ?? ExchangeProfile.Binance,
            WalletBalance = wallet,
            Positions = positions,
            MarkPrices = marks ?? new Dictionary<string, decimal>(),
        }.WithTiers(Catalog, tiers);

    public static TierTable OneTier(string symbol, decimal mmr) => TierTable.OneTier(symbol, TierBasis.QuoteNotional, mmr, 0m, null);

    public static MoveScenario Move(string symbol, PriceMove move) =>
        MoveScenario.Of(new Dictionary<string, PriceMove>(StringComparer.Ordinal) { [symbol] = move });

    /// <summary>
    /// The article's cascade example: $500 cross wallet, an ETH long at −$120 and a BTC short at +$40.
    /// The article gives no sizes or tiers; these sizes (2 ETH, 0.1 BTC, 25x) with a one-tier 2.5%
    /// maintenance rate (the rate of a 20x–25x tier on smaller contracts) make its round numbers meet.
    /// </summary>
    public static Book ArticleCascade() => Book(
        500m,
        [
            Pos("ETHUSDT", Side.Long, 2m, 3000m, 25m, MarginMode.Cross),
            Pos("BTCUSDT", Side.Short, 0.1m, 60000m, 25m, MarginMode.Cross),
        ],
        new Dictionary<string, decimal> { ["ETHUSDT"] = 2940m, ["BTCUSDT"] = 59600m },
        new Dictionary<string, TierTable> { ["ETHUSDT"] = OneTier("ETHUSDT", 0.025m), ["BTCUSDT"] = OneTier("BTCUSDT", 0.025m) });
}
