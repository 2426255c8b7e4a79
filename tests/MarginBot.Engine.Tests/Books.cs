using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Tests;

/// <summary>Small builders so each test states only what matters to it.</summary>
internal static class Books
{
    public static TierCatalog Catalog { get; } = TierCatalog.LoadBundled();

    public static Position Linear(string symbol, Side side, decimal qty, decimal entry, decimal leverage, MarginMode mode = MarginMode.Isolated, decimal? margin = null) =>
        new() { Symbol = symbol, Side = side, Quantity = qty, EntryPrice = entry, Leverage = leverage, Mode = mode, IsolatedMargin = margin };

    public static TierTable OneTier(string symbol, decimal mmr, decimal amount = 0m, TierBasis basis = TierBasis.QuoteNotional) =>
        TierTable.OneTier(symbol, basis, mmr, amount, null);

    public static BookReport Analyze(
        decimal wallet,
        IReadOnlyList<Position> positions,
        ExchangeProfile? exchange = null,
        IReadOnlyDictionary<string, decimal>? marks = null,
        IReadOnlyDictionary<string, TierTable>? tiers = null,
        PositionMode positionMode = PositionMode.OneWay,
        string marginAsset = "USDT",
        FeeSchedule? fees = null) =>
        BookAnalyzer.Analyze(new Book
        {
            Exchange = exchange ?? ExchangeProfile.Binance,
            WalletBalance = wallet,
            Positions = positions,
            MarkPrices = marks ?? new Dictionary<string, decimal>(),
            PositionMode = positionMode,
            MarginAsset = marginAsset,
            Fees = fees,
        }.WithTiers(Catalog, tiers));
}
