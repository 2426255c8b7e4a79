using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;
using MarginBot.Engine.Warnings;
using static MarginBot.Engine.Tests.Books;

namespace MarginBot.Engine.Tests.Accounts;

public class BookAnalyzerTests
{
    [Fact]
    public void Account_MixedBook_ComputesWalletsEquityRatioAndIdleFunds()
    {
        // The example book: BTC long cross at 10x marked 61,000; ETH short isolated with 600.
        var btc = Linear("BTCUSDT", Side.Long, 0.5m, 60_000m, 10m, MarginMode.Cross);
        var eth = Linear("ETHUSDT", Side.Short, 2m, 3_000m, 10m, MarginMode.Isolated, margin: 600m);
        var tiers = new Dictionary<string, TierTable> { ["BTCUSDT"] = OneTier("BTCUSDT", 0.004m), ["ETHUSDT"] = OneTier("ETHUSDT", 0.005m) };
        var report = Analyze(10_000m, [btc, eth], marks: new Dictionary<string, decimal> { ["BTCUSDT"] = 61_000m }, tiers: tiers);

        var a = report.Account;
        Assert.Equal(9_400m, a.CrossWalletBalance);
        Assert.Equal(10_500m, a.Equity);                       // + 0.5 × 1,000 unrealized
        Assert.Equal(122m + 30m, a.MaintenanceMargin);          // 30,500 × 0.4% + 6,000 × 0.5%
        Assert.Equal(122m / 9_900m, a.MarginRatio);             // cross MM ÷ (cross wallet + cross uPnL)
        Assert.Equal(3_050m + 600m, a.InitialMargin);           // 30,500 / 10 + 600
        Assert.Equal(10_000m - 3_650m, a.IdleFunds);
    }

    [Fact]
    public void Analyze_SymbolWithoutTable_UsesFallbackAndSaysSo()
    {
        var report = Analyze(1_000m, [Linear("NOSUCHUSDT", Side.Long, 10m, 10m, 5m)]);

        Assert.True(report.Positions[0].Tiers.IsFallback);
        Assert.Contains(report.Findings, f => f.Code == WarningCodes.FallbackTiers && f.Symbol == "NOSUCHUSDT");
    }

    [Fact]
    public void Analyze_LeverageAboveTierMaximum_IsDanger()
    {
        // BTCUSDT tier 3 (600,000–3,000,000) allows 75x; 20 BTC at 60,000 = 1,200,000 at 100x is too much.
        var report = Analyze(12_000m, [Linear("BTCUSDT", Side.Long, 20m, 60_000m, 100m)]);

        var finding = Assert.Single(report.Findings, f => f.Code == WarningCodes.LeverageAboveTierMax);
        Assert.Equal(Severity.Danger, finding.Severity);
        Assert.Equal(75m, finding.Figures["maxLeverage"]);
    }

    [Fact]
    public void Analyze_MarkPastLiquidation_IsDanger()
    {
        var report = Analyze(3_000m, [Linear("BTCUSDT", Side.Long, 0.5m, 60_000m, 10m)], marks: new Dictionary<string, decimal> { ["BTCUSDT"] = 50_000m });

        Assert.True(report.Positions[0].DistanceToLiquidationPct < 0);
        Assert.Contains(report.Findings, f => f.Code == WarningCodes.BeyondLiquidation);
    }

    [Fact]
    public void Position_PnlAndRoe_LinearAndInverse()
    {
        var linear = Analyze(3_000m, [Linear("BTCUSDT", Side.Short, 0.5m, 60_000m, 10m)], marks: new Dictionary<string, decimal> { ["BTCUSDT"] = 57_000m });
        Assert.Equal(1_500m, linear.Positions[0].UnrealizedPnl);
        Assert.Equal(50m, linear.Positions[0].RoePct);

        // Inverse long, 100 contracts of 100 USD from 50,000 to 62,500: 10,000·(1/50000 − 1/62500) = 0.04 BTC.
        var inverse = new Position
        {
            Symbol = "BTCUSD", Side = Side.Long, Quantity = 100m, EntryPrice = 50_000m, Leverage = 10m,
            Mode = MarginMode.Isolated, Contract = ContractSpec.Inverse(100m),
        };
        var report = Analyze(0.02m, [inverse], marks: new Dictionary<string, decimal> { ["BTCUSD"] = 62_500m }, marginAsset: "BTC");
        Assert.Equal(0.04m, report.Positions[0].UnrealizedPnl);
        Assert.Equal(200m, report.Positions[0].RoePct);
    }

    [Fact]
    public void Fees_EntryAndExitAtTaker()
    {
        var report = Analyze(3_000m, [Linear("BTCUSDT", Side.Long, 0.5m, 60_000m, 10m)], fees: new FeeSchedule(0.0004m, 0.0002m), marks: new Dictionary<string, decimal> { ["BTCUSDT"] = 62_000m });

        Assert.Equal(12m, report.Positions[0].EntryFee);
        Assert.Equal(12.4m, report.Positions[0].ExitFee);
    }

    [Fact]
    public void Account_CrossBalanceNearZero_RatioIsOneNotAnOverflow()
    {
        // Found by the property test: 120 of requirement over a 1e-27 balance overflows decimal.
        var report = Analyze(0.000000000000000000000000001m, [Linear("BTCUSDT", Side.Long, 0.5m, 60_000m, 10m, MarginMode.Cross)]);

        Assert.Equal(1m, report.Account.MarginRatio);
    }
}
