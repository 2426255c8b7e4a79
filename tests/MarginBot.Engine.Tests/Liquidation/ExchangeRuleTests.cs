using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Tiers;
using MarginBot.Engine.Warnings;
using static MarginBot.Engine.Tests.Books;

namespace MarginBot.Engine.Tests.Liquidation;

/// <summary>
/// Defects an independent check found, each case written from the exchange's own rule (equity
/// equals the requirement at the liquidation price, with the tier the exchange's edge convention
/// picks), not from the figures the check reported.
/// </summary>
public class ExchangeRuleTests
{
    private static readonly FeeSchedule OkxFees = ExchangeProfile.Okx.DefaultFees;

    [Fact]
    public void OkxInverseIsolatedShort_AboveOneX_HasThePriceWhereEquityMeetsTheRequirement()
    {
        // 2,000 contracts of 100 USD short at 60,000, 10x: margin Q·CM/EP/10 = 0.3333 BTC. OKX
        // liquidates where margin + PnL = (MMR + taker)·Q·CM/P (isolated, coin-margined).
        var position = Inverse("BTCUSD", Side.Short, 2_000m, 60_000m, 10m, 100m);
        var tiers = new Dictionary<string, TierTable> { ["BTCUSD"] = OneTier("BTCUSD", 0.01m, basis: TierBasis.Contracts) };

        var report = Analyze(1m, [position], ExchangeProfile.Okx, tiers: tiers, marginAsset: "BTC", fees: new FeeSchedule(0.0005m, 0.0002m)).Positions[0];

        var lp = Assert.IsType<decimal>(report.LiquidationPrice);
        var face = 2_000m * 100m;
        var equity = position.PositionMargin - (face * ((1m / 60_000m) - (1m / lp)));
        var requirement = (0.01m + 0.0005m) * face / lp;
        Assert.Equal(requirement, equity, 20);
        Assert.True(lp > 60_000m && lp < report.BankruptcyPrice, $"a short's liquidation price lies between entry and bankruptcy; got {lp}, bankruptcy {report.BankruptcyPrice}");
    }

    [Fact]
    public void OkxInverseIsolatedShort_MarginAboveItsCoinValue_HasNoPrice()
    {
        // Margin above Q·CM/EP: the short's loss in coin is capped by Q·CM/EP, so no price liquidates it.
        var position = Inverse("BTCUSD", Side.Short, 2_000m, 60_000m, 1m, 100m) with { IsolatedMargin = 4m };
        var tiers = new Dictionary<string, TierTable> { ["BTCUSD"] = OneTier("BTCUSD", 0.01m, basis: TierBasis.Contracts) };

        var report = Analyze(5m, [position], ExchangeProfile.Okx, tiers: tiers, marginAsset: "BTC").Positions[0];

        Assert.Null(report.LiquidationPrice);
    }

    [Fact]
    public void OkxInverseIsolatedLong_FallbackTableCrossesAnEdgeOnTheWay_UsesTheTierAtThePrice()
    {
        // No bundled OKX coin-margined table: the fallback counts coin value, 4.8 BTC at entry
        // (tier 1, below 5) but about 5.2 BTC at the liquidation price (tier 2).
        var position = Inverse("BTCUSD", Side.Long, 2_880m, 60_000m, 10m, 100m);

        var report = Analyze(1m, [position], ExchangeProfile.Okx, marginAsset: "BTC").Positions[0];

        var lp = Assert.IsType<decimal>(report.LiquidationPrice);
        var member = new PricedPosition(position, report.Tiers, lp);
        Assert.Equal(2, report.Liquidation.Tier.Number);
        Assert.Equal(report.Tiers.At(member.TierValueAt(lp)), report.Liquidation.Tier);
        Assert.Equal(MarginRules.Requirement(ExchangeProfile.Okx, OkxFees, member, lp), position.PositionMargin + member.PnlAt(lp), 20);
    }

    [Theory]
    [InlineData(10, "long", 1)]    // 10 BTC = 1,000 contracts = tier 1's maxSz: still tier 1 (0.4%)
    [InlineData(10.01, "long", 2)] // one lot above: tier 2 (0.5%)
    [InlineData(50, "short", 2)]   // 50 BTC = tier 2's maxSz: tier 2, not 3
    public void OkxIsolated_SizeAtATiersMaximum_UsesThatTier(double quantity, string side, int expectedTier)
    {
        var q = (decimal)quantity;
        var s = side == "long" ? Side.Long : Side.Short;
        var table = Catalog.Resolve(ExchangeId.Okx, ContractKind.Linear, "BTCUSDT");
        var tier = table.Tiers[expectedTier - 1];

        var report = Analyze(0m, [Linear("BTCUSDT", s, q, 60_000m, 20m)], ExchangeProfile.Okx).Positions[0];

        // OKX's rule: margin + side·Q·(LP − EP) = (MMR + taker)·Q·LP, margin = Q·EP/20.
        var k = tier.MaintenanceMarginRate + OkxFees.Taker;
        var expected = s == Side.Long ? (60_000m - 3_000m) / (1m - k) : (60_000m + 3_000m) / (1m + k);
        Assert.Equal(expectedTier, report.Liquidation.Tier.Number);
        Assert.Equal(expected, report.LiquidationPrice);
    }

    [Fact]
    public void BybitIsolated_ValueExactlyAtTheRiskLimit_StaysInTheLowerTier()
    {
        // 40 BTC at 50,000 = 2,000,000 USDT, Bybit BTCUSDT's first risk limit: 0.5%, up to 100x.
        // One tier higher (0.56%, 90x) would call 95x too high for this size.
        var report = Analyze(0m, [Linear("BTCUSDT", Side.Long, 40m, 50_000m, 95m)], ExchangeProfile.Bybit);

        Assert.Equal(1, report.Positions[0].Tier.Number);
        Assert.Equal(0.005m, report.Positions[0].Liquidation.Tier.MaintenanceMarginRate);
        Assert.DoesNotContain(report.Findings, f => f.Code == WarningCodes.LeverageAboveTierMax);
    }

    [Theory]
    [InlineData("binance")]
    [InlineData("bybit")]
    [InlineData("okx")]
    public void HedgeBook_NetLongHealthyAccount_NoDangerAndBothLegsAhead(string exchangeName)
    {
        Assert.True(ExchangeProfile.TryParse(exchangeName, out var exchange));
        var report = Analyze(
            10_000m,
            [Linear("BTCUSDT", Side.Long, 2m, 60_000m, 20m, MarginMode.Cross), Linear("BTCUSDT", Side.Short, 1m, 60_000m, 20m, MarginMode.Cross)],
            exchange,
            positionMode: PositionMode.Hedge);

        Assert.True(report.Account.MarginRatio < 1m);
        Assert.DoesNotContain(report.Findings, f => f.Code == WarningCodes.BeyondLiquidation);
        var lp = Assert.IsType<decimal>(report.Positions[0].LiquidationPrice);
        Assert.True(lp < 60_000m, "a net long's shared price lies below the mark");
        Assert.All(report.Positions, p => Assert.Equal((60_000m - lp) * 100m / 60_000m, p.DistanceToLiquidationPct));
    }

    [Fact]
    public void HedgeBook_NetShortPastItsPrice_BothLegsInDanger()
    {
        // Net short 1 BTC with 1,000 USDT: the shared price lies above the entry; the mark is past it.
        var marks = new Dictionary<string, decimal> { ["BTCUSDT"] = 70_000m };
        var report = Analyze(
            1_000m,
            [Linear("BTCUSDT", Side.Long, 1m, 60_000m, 20m, MarginMode.Cross), Linear("BTCUSDT", Side.Short, 2m, 60_000m, 20m, MarginMode.Cross)],
            marks: marks,
            positionMode: PositionMode.Hedge);

        Assert.Equal(1m, report.Account.MarginRatio);
        Assert.All(report.Positions, p => Assert.True(p.DistanceToLiquidationPct < 0));
        Assert.Equal(2, report.Findings.Count(f => f.Code == WarningCodes.BeyondLiquidation));
    }

    [Fact]
    public void HedgeBook_FullyHedged_DistancePositiveWhileTheAccountCoversIt()
    {
        // Equal legs: PnL cancels, only the requirement moves with the price (up, for linear
        // contracts): 2·(0.005·P − 50) = 1,000 at P = 110,000, tier 2 of Binance BTCUSDT.
        var report = Analyze(
            1_000m,
            [Linear("BTCUSDT", Side.Long, 1m, 60_000m, 20m, MarginMode.Cross), Linear("BTCUSDT", Side.Short, 1m, 60_000m, 20m, MarginMode.Cross)],
            positionMode: PositionMode.Hedge);

        Assert.True(report.Account.MarginRatio < 1m);
        Assert.Equal(110_000m, report.Positions[0].LiquidationPrice);
        Assert.All(report.Positions, p => Assert.True(p.DistanceToLiquidationPct > 0));
        Assert.DoesNotContain(report.Findings, f => f.Code == WarningCodes.BeyondLiquidation);
    }

    private static Position Inverse(string symbol, Side side, decimal contracts, decimal entry, decimal leverage, decimal contractSize) =>
        new()
        {
            Symbol = symbol, Side = side, Quantity = contracts, EntryPrice = entry, Leverage = leverage,
            Mode = MarginMode.Isolated, Contract = ContractSpec.Inverse(contractSize),
        };
}
