using CsCheck;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Liquidation;
using static MarginBot.Engine.Tests.Books;

namespace MarginBot.Engine.Tests.Liquidation;

public class LiquidationPropertyTests
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT", "1000PEPEUSDT", "NOSUCHUSDT"];

    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly Gen<ExchangeProfile> Exchange = Pick(ExchangeProfile.Binance, ExchangeProfile.Bybit, ExchangeProfile.Okx);

    // A position whose leverage the symbol's tier at entry allows, so that its margin covers maintenance.
    private static readonly Gen<(ExchangeProfile Exchange, string Symbol, Side Side, decimal Qty, decimal Entry, decimal Leverage)> IsolatedCase =
        Gen.Select(Exchange, Pick(Symbols), Pick(Side.Long, Side.Short), Gen.Decimal[0.001m, 50m], Gen.Decimal[0.01m, 100_000m], Gen.Decimal[0m, 1m])
            .Select(c =>
            {
                var position = Linear(c.Item2, c.Item3, c.Item4, c.Item5, 1m);
                var table = Catalog.Resolve(c.Item1.Id, ContractKind.Linear, c.Item2);
                var tier = table.At(new PricedPosition(position, table, position.EntryPrice).TierValueAt(position.EntryPrice));
                var max = Math.Min(tier.MaxLeverage ?? 20m, 1m / (2m * tier.MaintenanceMarginRate));
                return (c.Item1, c.Item2, c.Item3, c.Item4, c.Item5, Math.Round(1m + (c.Item6 * (max - 1m)), 2));
            });

    [Fact]
    public void Isolated_LongBelowEntryShortAbove()
    {
        IsolatedCase.Sample(c =>
        {
            var report = Analyze(0m, [Linear(c.Symbol, c.Side, c.Qty, c.Entry, c.Leverage)], c.Exchange, tiers: null).Positions[0];
            return report.LiquidationPrice is not { } lp || c.Side.Sign() * (c.Entry - lp) > 0;
        });
    }

    [Fact]
    public void Isolated_HigherLeverage_MovesPriceTowardEntry()
    {
        IsolatedCase.Sample(c =>
        {
            if (c.Leverage < 1.5m)
            {
                return true;
            }

            var high = Analyze(0m, [Linear(c.Symbol, c.Side, c.Qty, c.Entry, c.Leverage)], c.Exchange).Positions[0].LiquidationPrice;
            var low = Analyze(0m, [Linear(c.Symbol, c.Side, c.Qty, c.Entry, c.Leverage - 0.5m)], c.Exchange).Positions[0].LiquidationPrice;
            return high is { } h && (low is not { } l || Math.Abs(c.Entry - h) < Math.Abs(c.Entry - l));
        });
    }

    [Fact]
    public void Cross_MoreIdleWallet_MovesPriceAwayFromMark()
    {
        Gen.Select(IsolatedCase, Gen.Decimal[1m, 100_000m]).Sample((c, extra) =>
        {
            var position = Linear(c.Symbol, c.Side, c.Qty, c.Entry, c.Leverage, MarginMode.Cross);
            var margin = position.EntryNotional / c.Leverage;
            var lean = Analyze(margin, [position], c.Exchange).Positions[0].LiquidationPrice;
            var rich = Analyze(margin + extra, [position], c.Exchange).Positions[0].LiquidationPrice;
            return lean is not { } l ? rich is null : rich is not { } r || Math.Abs(c.Entry - r) > Math.Abs(c.Entry - l);
        });
    }

    [Fact]
    public void Cross_PriceIsContinuousInCollateralAcrossTierEdges()
    {
        // A long's price moves by at most Δwallet / (Q·(1 − max MMR)) for a small wallet change: no
        // jump where the liquidation notional crosses a tier edge. Wallets are swept so that the
        // liquidation notional of a BTC long runs through the 50,000 and 600,000 edges.
        Gen.Select(Gen.Decimal[0.5m, 20m], Gen.Decimal[0m, 1m]).Sample((qty, share) =>
        {
            var position = Linear("BTCUSDT", Side.Long, qty, 60_000m, 10m, MarginMode.Cross);
            var wallet = Math.Round(share * qty * 60_000m, 2);
            const decimal step = 1m;
            var a = Analyze(wallet, [position]).Positions[0].LiquidationPrice;
            var b = Analyze(wallet + step, [position]).Positions[0].LiquidationPrice;
            if (a is null || b is null)
            {
                return true;
            }

            return Math.Abs(a.Value - b.Value) <= step / (qty * (1m - 0.5m)) + 0.000001m;
        });
    }

    [Fact]
    public void Analyze_AnyValidBook_NeverThrows()
    {
        var position = Gen.Select(
            Pick(Symbols), Pick(Side.Long, Side.Short), Gen.Decimal[0.0001m, 1_000m],
            Gen.Decimal[0.0001m, 1_000_000m], Gen.Decimal[1m, 125m], Gen.Bool, Gen.Decimal[0.2m, 5m])
            .Select(p => (Position: Linear(p.Item1, p.Item2, p.Item3, p.Item4, p.Item5, p.Item6 ? MarginMode.Cross : MarginMode.Isolated), MarkFactor: p.Item7));
        Gen.Select(Exchange, position.Array[0, 12], Gen.Decimal[0m, 10_000_000m]).Sample((exchange, items, wallet) =>
        {
            // One position per symbol: the book is valid in one-way mode.
            var distinct = items.DistinctBy(i => i.Position.Symbol).ToList();
            var book = new Book
            {
                Exchange = exchange,
                WalletBalance = wallet + distinct.Where(i => i.Position.Mode == MarginMode.Isolated).Sum(i => i.Position.PositionMargin),
                Positions = [.. distinct.Select(i => i.Position)],
                MarkPrices = distinct.ToDictionary(i => i.Position.Symbol, i => i.Position.EntryPrice * i.MarkFactor),
            }.WithTiers(Catalog);

            var report = BookAnalyzer.Analyze(book);
            Assert.Equal(distinct.Count, report.Positions.Count);
        });
    }
}
