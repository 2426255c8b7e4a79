using CsCheck;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Tiers;
using MarginBot.Engine.Warnings;
using static MarginBot.Engine.Tests.Books;

namespace MarginBot.Engine.Tests.Liquidation;

/// <summary>
/// The exchanges' rule itself, for any position: at the liquidation price equity equals what the
/// exchange requires, with the tier its edge convention picks for the position's value there.
/// </summary>
public class ExchangeRulePropertyTests
{
    private const decimal RelativeTolerance = 0.000000001m;

    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private sealed record Case(ExchangeProfile Exchange, ContractKind Kind, Side Side, MarginMode Mode, decimal Size, decimal Entry, int Leverage, decimal ExtraWallet, decimal MarkFactor)
    {
        public string Symbol => Kind == ContractKind.Inverse ? "BTCUSD" : "BTCUSDT";

        public Position Position => new()
        {
            Symbol = Symbol, Side = Side, Quantity = Size, EntryPrice = Entry, Leverage = Leverage, Mode = Mode,
            Contract = Kind == ContractKind.Inverse ? ContractSpec.Inverse(Exchange.DefaultInverseContractSize(Symbol)) : ContractSpec.Linear,
        };

        public override string ToString() =>
            $"{Exchange.Name} {Kind} {Side} {Mode} size {Size} entry {Entry} {Leverage}x extra {ExtraWallet} mark ×{MarkFactor}";
    }

    // BTC sizes from a few dollars to past the tables' middle tiers: bundled Binance, Bybit and OKX
    // tables for USDT contracts, Binance's COIN-M table and the fallback for coin-margined Bybit and OKX.
    private static readonly Gen<Case> Cases =
        Gen.Select(Pick(ExchangeProfile.Binance, ExchangeProfile.Bybit, ExchangeProfile.Okx), Pick(ContractKind.Linear, ContractKind.Inverse), Pick(Side.Long, Side.Short), Pick(MarginMode.Isolated, MarginMode.Cross))
            .SelectMany(c => Gen.Select(Gen.Decimal[0.001m, 400m], Gen.Decimal[1_000m, 150_000m], Gen.Int[1, 125], Gen.Decimal[0m, 2m], Gen.Decimal[0.8m, 1.2m])
                .Select(n =>
                {
                    var (exchange, kind, side, mode) = c;
                    var (btc, entry, leverage, extraShare, markFactor) = n;
                    // Inverse sizes in contracts of the exchange's face value, the same BTC amount.
                    var size = kind == ContractKind.Inverse
                        ? Math.Max(1m, Math.Round(btc * entry / exchange.DefaultInverseContractSize("BTCUSD")))
                        : Math.Round(btc, 3);
                    return new Case(exchange, kind, side, mode, size, Math.Round(entry, 1), leverage, Math.Round(extraShare, 4), Math.Round(markFactor, 4));
                }));

    private static Book BookOf(Case c)
    {
        var position = c.Position;
        var margin = position.PositionMargin;
        return new Book
        {
            Exchange = c.Exchange,
            MarginAsset = c.Kind == ContractKind.Inverse ? "BTC" : "USDT",
            WalletBalance = margin * (1m + c.ExtraWallet),
            Positions = [position],
            MarkPrices = new Dictionary<string, decimal> { [c.Symbol] = c.Entry * c.MarkFactor },
        }.WithTiers(Catalog);
    }

    [Fact]
    public void AnyPosition_AtItsLiquidationPrice_EquityEqualsTheExchangesRequirement()
    {
        Cases.Sample(c =>
        {
            var book = BookOf(c);
            var report = BookAnalyzer.Analyze(book).Positions[0];
            if (report.LiquidationPrice is not { } lp)
            {
                // At 2x or more an isolated margin is at most half the position's value: some price
                // takes it, long or short, linear or inverse.
                Assert.False(c.Mode == MarginMode.Isolated && c.Leverage >= 2, $"{c}: no liquidation price");
                return true;
            }

            var member = new PricedPosition(book.Positions[0], report.Tiers, lp);
            var collateral = c.Mode == MarginMode.Isolated ? book.Positions[0].PositionMargin : book.WalletBalance;
            var equity = collateral + member.PnlAt(lp);
            decimal requirement;
            if (c.Exchange.Id == ExchangeId.Bybit && c.Mode == MarginMode.Isolated)
            {
                // Bybit values an isolated position's maintenance margin at entry, with the tier there.
                var atEntry = report.Tiers.At(member.TierValueAt(c.Entry));
                requirement = atEntry.MaintenanceMargin(member.NotionalAt(c.Entry));
                Assert.Equal(atEntry, report.Liquidation.Tier);
            }
            else
            {
                requirement = MarginRules.Requirement(c.Exchange, book.EffectiveFees, member, lp);
                Assert.Equal(report.Tiers.At(member.TierValueAt(lp)), report.Liquidation.Tier);
            }

            var scale = Math.Max(Math.Abs(requirement), member.NotionalAt(lp) * 0.0001m);
            Assert.True(Math.Abs(equity - requirement) <= RelativeTolerance * scale, $"{c}: at {lp} equity {equity}, requirement {requirement}");
            return true;
        });
    }

    [Fact]
    public void TierEdge_BybitAndOkxCapsBelongToTheirTier_BinanceFloors()
    {
        foreach (var exchange in ExchangeProfile.All)
        {
            var table = Catalog.Resolve(exchange.Id, ContractKind.Linear, "BTCUSDT");
            Assert.Equal(exchange.TierEdge, table.Edge);
            for (var i = 0; i + 1 < table.Tiers.Count; i++)
            {
                var cap = table.Tiers[i].Cap!.Value;
                var expected = exchange.TierEdge == TierEdge.CapInclusive ? i : i + 1;
                Assert.Equal(expected, table.IndexAt(cap));
                Assert.True(table.Contains(expected, cap));
                Assert.False(table.Contains(expected == i ? i + 1 : i, cap));
            }
        }
    }

    [Fact]
    public void HedgeBook_MarginRatioBelowOneHundredPercent_NoDangerWarning()
    {
        var legs = Gen.Select(Gen.Decimal[0.01m, 20m], Gen.Decimal[0.01m, 20m], Gen.Int[1, 100], Gen.Decimal[0.5m, 1.5m]);
        Gen.Select(Pick(ExchangeProfile.Binance, ExchangeProfile.Bybit, ExchangeProfile.Okx), legs, Gen.Decimal[0m, 200_000m]).Sample((exchange, l, wallet) =>
        {
            var (longQty, shortQty, leverage, markFactor) = l;
            var book = new Book
            {
                Exchange = exchange,
                WalletBalance = Math.Round(wallet, 2),
                PositionMode = PositionMode.Hedge,
                Positions =
                [
                    Linear("BTCUSDT", Side.Long, Math.Round(longQty, 3), 60_000m, leverage, MarginMode.Cross),
                    Linear("BTCUSDT", Side.Short, Math.Round(shortQty, 3), 60_000m, leverage, MarginMode.Cross),
                ],
                MarkPrices = new Dictionary<string, decimal> { ["BTCUSDT"] = Math.Round(60_000m * markFactor, 1) },
            }.WithTiers(Catalog);

            var report = BookAnalyzer.Analyze(book);
            var inDanger = report.Findings.Any(f => f.Code == WarningCodes.BeyondLiquidation);
            return report.Account.MarginRatio >= 1m || !inDanger;
        });
    }
}
