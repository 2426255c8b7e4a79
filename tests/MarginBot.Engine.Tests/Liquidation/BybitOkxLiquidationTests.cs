using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Tiers;
using static MarginBot.Engine.Tests.Books;

namespace MarginBot.Engine.Tests.Liquidation;

public class BybitOkxLiquidationTests
{
    [Fact]
    public void BybitIsolated_Long_ValuesMaintenanceAtEntry()
    {
        // Bybit BTCUSDT tier 1 (0.5%, deduction 0). 1 BTC at 60,000, 10x: IM 6,000, MM 300.
        // LP = EP − (IM − MM)/Q = 60000 − 5700 = 54,300.
        var report = Analyze(6_000m, [Linear("BTCUSDT", Side.Long, 1m, 60_000m, 10m)], ExchangeProfile.Bybit);

        Assert.Equal(54_300m, report.Positions[0].LiquidationPrice);
        Assert.Equal(BybitLiquidation.FormulaName, report.Positions[0].Liquidation.Formula);
    }

    [Fact]
    public void BybitIsolated_ShortWithExtraMargin_MovesAway()
    {
        // LP = EP + (IM − MM)/Q + Extra/Q = 60000 + 5700 + 1000
        var report = Analyze(7_000m, [Linear("BTCUSDT", Side.Short, 1m, 60_000m, 10m, margin: 7_000m)], ExchangeProfile.Bybit);

        Assert.Equal(66_700m, report.Positions[0].LiquidationPrice);
    }

    [Fact]
    public void BybitIsolatedInverse_Long_MatchesClosedForm()
    {
        // 60,000 contracts of 1 USD at 60,000 = 1 BTC; 10x: IM 0.1 BTC; one-tier 0.5% on coin value: MM 0.005 BTC.
        // LP = Q·CM / (Q·CM/EP + (IM − MM)) = 60000 / (1 + 0.095)
        var tiers = new Dictionary<string, TierTable> { ["BTCUSD"] = OneTier("BTCUSD", 0.005m, basis: TierBasis.BaseNotional) };
        var position = new Position
        {
            Symbol = "BTCUSD", Side = Side.Long, Quantity = 60_000m, EntryPrice = 60_000m, Leverage = 10m,
            Mode = MarginMode.Isolated, Contract = ContractSpec.Inverse(1m),
        };
        var report = Analyze(0.1m, [position], ExchangeProfile.Bybit, tiers: tiers, marginAsset: "BTC");

        Assert.Equal(60_000m / 1.095m, report.Positions[0].LiquidationPrice);
    }

    [Fact]
    public void OkxIsolated_LongAndShort_IncludeTakerFeeInRequirement()
    {
        // k = MMR + taker = 0.004 + 0.0005. 1 BTC at 60,000 with 6,000 margin:
        // long  LP = (EP − M/Q)/(1 − k) = 54000 / 0.9955
        // short LP = (EP + M/Q)/(1 + k) = 66000 / 1.0045
        var tiers = new Dictionary<string, TierTable> { ["BTCUSDT"] = OneTier("BTCUSDT", 0.004m, basis: TierBasis.BaseQuantity) };
        var longReport = Analyze(6_000m, [Linear("BTCUSDT", Side.Long, 1m, 60_000m, 10m)], ExchangeProfile.Okx, tiers: tiers);
        var shortReport = Analyze(6_000m, [Linear("BTCUSDT", Side.Short, 1m, 60_000m, 10m)], ExchangeProfile.Okx, tiers: tiers);

        Assert.Equal(54_000m / 0.9955m, longReport.Positions[0].LiquidationPrice);
        Assert.Equal(66_000m / 1.0045m, shortReport.Positions[0].LiquidationPrice);
    }

    [Theory]
    [InlineData(Side.Long)]
    [InlineData(Side.Short)]
    public void BybitCross_OnePosition_SolvesEquityEqualsRequirementWithinTolerance(Side side)
    {
        // Account level: 10,000 + side·0.5·(P − 60000) = 0.5·P·(0.005 + 0.00055), solved exactly:
        var report = Analyze(10_000m, [Linear("BTCUSDT", side, 0.5m, 60_000m, 10m, MarginMode.Cross)], ExchangeProfile.Bybit);

        var s = side.Sign();
        var exact = (10_000m - (s * 30_000m)) / ((0.5m * 0.00555m) - (s * 0.5m));
        var price = report.Positions[0].LiquidationPrice!.Value;
        Assert.InRange(Math.Abs(price - exact), 0m, 60_000m * AccountLevelSolver.RelativeTolerance);

        // The answer errs toward the mark: it warns no later than the exact price.
        Assert.True(s * (price - exact) >= 0, $"{price} should lie on the mark's side of {exact}");
    }

    [Fact]
    public void AccountLevelSolver_OnBinanceRules_AgreesWithClosedForm()
    {
        var btc = Linear("BTCUSDT", Side.Long, 2m, 60_000m, 20m, MarginMode.Cross);
        var eth = Linear("ETHUSDT", Side.Short, 30m, 3_000m, 20m, MarginMode.Cross);
        var marks = new Dictionary<string, decimal> { ["ETHUSDT"] = 3_100m, ["BTCUSDT"] = 59_000m };
        var report = Analyze(20_000m, [btc, eth], marks: marks);
        var closedForm = report.Positions[0].LiquidationPrice!.Value;

        var ethPriced = new PricedPosition(eth, Catalog.Resolve(ExchangeId.Binance, ContractKind.Linear, "ETHUSDT"), 3_100m);
        var btcPriced = new PricedPosition(btc, Catalog.Resolve(ExchangeId.Binance, ContractKind.Linear, "BTCUSDT"), 59_000m);
        var collateral = 20_000m - ethPriced.MaintenanceMarginAt(3_100m) + ethPriced.PnlAt(3_100m);
        var numeric = AccountLevelSolver.Solve([btcPriced], collateral, (m, p) => m.MaintenanceMarginAt(p))!.Value;

        Assert.InRange(Math.Abs(numeric - closedForm), 0m, 59_000m * AccountLevelSolver.RelativeTolerance);
    }
}
