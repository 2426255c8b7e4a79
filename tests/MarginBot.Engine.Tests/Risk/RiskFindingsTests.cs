using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Risk;
using MarginBot.Engine.Warnings;

namespace MarginBot.Engine.Tests.Risk;

public class RiskFindingsTests
{
    private static readonly DailyMoves Moves = DailyMoves.LoadBundled();

    private static IReadOnlyList<Finding> Detect(Book book, RiskContext context) =>
        RiskFindings.Detect(book, BookAnalyzer.Analyze(book), context with { DailyMoves = Moves });

    private static Book OneBtc(decimal leverage, MarginMode mode, decimal wallet = 10000m) =>
        RiskBooks.Book(wallet, [RiskBooks.Pos("BTCUSDT", Side.Long, 0.1m, 60000m, leverage, mode)]);

    [Fact]
    public void Detect_CrossAndNewTrader_CrossWhileNew()
    {
        var findings = Detect(OneBtc(5m, MarginMode.Cross, 1200m), new RiskContext { NewToFutures = true });

        var finding = Assert.Single(findings, f => f.Code == WarningCodes.CrossWhileNew);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(1m, finding.Figures["newToFutures"]);
        Assert.Equal(0m, finding.Figures["liquidatedBefore"]);
    }

    [Fact]
    public void Detect_IsolatedAndNewTrader_NoCrossWhileNew()
    {
        var findings = Detect(OneBtc(5m, MarginMode.Isolated), new RiskContext { NewToFutures = true, LiquidatedBefore = true });

        Assert.DoesNotContain(findings, f => f.Code == WarningCodes.CrossWhileNew);
    }

    [Fact]
    public void Detect_StopBelowIsolatedLp_StopBeyondLiquidationDanger()
    {
        // 20x isolated long: LP = 60000·(1 − 1/20)/(1 − 0.004) ≈ 57,229.
        var stops = new Dictionary<string, StopLoss> { ["BTCUSDT"] = new(56000m, StopTrigger.MarkPrice) };

        var findings = Detect(OneBtc(20m, MarginMode.Isolated), new RiskContext { Stops = stops });

        var finding = Assert.Single(findings, f => f.Code == WarningCodes.StopBeyondLiquidation);
        Assert.Equal(Severity.Danger, finding.Severity);
        Assert.Equal(56000m, finding.Figures["stop"]);
        Assert.DoesNotContain(findings, f => f.Code == WarningCodes.StopOnLastPrice);
    }

    [Fact]
    public void Detect_StopNinetyPercentOfWayToLp_StopNearLiquidation()
    {
        // 10x isolated long: LP = 54000/0.996 ≈ 54,216.87; a stop at 55,000 is ≈ 86% of the way.
        var stops = new Dictionary<string, StopLoss> { ["BTCUSDT"] = new(55000m) };

        var findings = Detect(OneBtc(10m, MarginMode.Isolated), new RiskContext { Stops = stops });

        var finding = Assert.Single(findings, f => f.Code == WarningCodes.StopNearLiquidation);
        Assert.InRange(finding.Figures["shareOfWayPct"], 86m, 87m);
        Assert.Contains(findings, f => f.Code == WarningCodes.StopOnLastPrice && f.Severity == Severity.Info);
    }

    [Fact]
    public void Detect_StopWellInside_NoStopWarnings()
    {
        var stops = new Dictionary<string, StopLoss> { ["BTCUSDT"] = new(58000m, StopTrigger.MarkPrice) };

        var findings = Detect(OneBtc(10m, MarginMode.Isolated), new RiskContext { Stops = stops });

        Assert.DoesNotContain(findings, f => f.Code is WarningCodes.StopNearLiquidation or WarningCodes.StopBeyondLiquidation or WarningCodes.NoStopLoss);
    }

    [Fact]
    public void Detect_StopsGivenButNoneForSymbol_NoStopLoss()
    {
        var findings = Detect(OneBtc(10m, MarginMode.Isolated), new RiskContext { Stops = new Dictionary<string, StopLoss>() });

        Assert.Single(findings, f => f.Code == WarningCodes.NoStopLoss);
    }

    [Fact]
    public void Detect_StopsUnknown_NoStopChecks()
    {
        var findings = Detect(OneBtc(10m, MarginMode.Isolated), RiskContext.None);

        Assert.DoesNotContain(findings, f => f.Code == WarningCodes.NoStopLoss);
    }

    [Fact]
    public void Detect_BtcAt100xIsolated_LiquidationWithinDailyMove()
    {
        var findings = Detect(OneBtc(100m, MarginMode.Isolated), RiskContext.None);

        var finding = Assert.Single(findings, f => f.Code == WarningCodes.LiquidationWithinDailyMove);
        Assert.Equal(1.51m, finding.Figures["dailyMovePct"]);
        Assert.True(finding.Figures["distancePct"] < 1.51m);
    }

    [Fact]
    public void Detect_BtcAt5x_NoDailyMoveWarning()
    {
        var findings = Detect(OneBtc(5m, MarginMode.Isolated), RiskContext.None);

        Assert.DoesNotContain(findings, f => f.Code is WarningCodes.LiquidationWithinDailyMove or WarningCodes.NoDailyMoveData);
    }

    [Fact]
    public void Detect_CoinWithoutFigure_SaysVolatilityCheckSkipped()
    {
        var book = RiskBooks.Book(1000m, [RiskBooks.Pos("DOGEUSDT", Side.Long, 1000m, 0.4m, 100m, MarginMode.Isolated)]);

        var findings = Detect(book, RiskContext.None);

        var finding = Assert.Single(findings, f => f.Code == WarningCodes.NoDailyMoveData);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal("DOGEUSDT", finding.Symbol);
        Assert.Empty(finding.Figures);
        Assert.DoesNotContain(findings, f => f.Code == WarningCodes.LiquidationWithinDailyMove);
    }

    [Fact]
    public void Detect_CrossWithIdleFunds_CrossIdleFundsWithBothLps()
    {
        var findings = Detect(OneBtc(20m, MarginMode.Cross, 2300m), RiskContext.None);

        var finding = Assert.Single(findings, f => f.Code == WarningCodes.CrossIdleFunds);
        Assert.Equal(2000m, finding.Figures["idleFunds"]);
        Assert.True(finding.Figures["liquidationPrice"] < finding.Figures["liquidationPriceWithoutIdle"]);
    }

    [Fact]
    public void Detect_TwoCrossLongs_CrossUnhedged()
    {
        var book = RiskBooks.Book(5000m,
        [
            RiskBooks.Pos("BTCUSDT", Side.Long, 0.1m, 60000m, 10m, MarginMode.Cross),
            RiskBooks.Pos("ETHUSDT", Side.Long, 1m, 3000m, 10m, MarginMode.Cross),
        ]);

        var finding = Assert.Single(Detect(book, RiskContext.None), f => f.Code == WarningCodes.CrossUnhedged);

        Assert.Equal(100m, finding.Figures["netSharePct"]);
        Assert.DoesNotContain(Detect(book, new RiskContext { DeliberateHedge = true }), f => f.Code == WarningCodes.CrossUnhedged);
    }

    [Fact]
    public void Detect_BalancedLongShortCross_NotUnhedgedUnlessTraderSaysSo()
    {
        var book = RiskBooks.Book(5000m,
        [
            RiskBooks.Pos("BTCUSDT", Side.Short, 0.05m, 60000m, 10m, MarginMode.Cross),
            RiskBooks.Pos("ETHUSDT", Side.Long, 1m, 3000m, 10m, MarginMode.Cross),
        ]);

        Assert.DoesNotContain(Detect(book, RiskContext.None), f => f.Code == WarningCodes.CrossUnhedged);
        Assert.Contains(Detect(book, new RiskContext { DeliberateHedge = false }), f => f.Code == WarningCodes.CrossUnhedged);
    }

    [Fact]
    public void Detect_FeesAndFundingOver10PctOfMargin_CostsAboveMarginShare()
    {
        // 50x: fees 0.1% of notional = 5% of margin; 3 days at 0.05% per 8 h adds 9 × 0.05% × 50 = 22.5%.
        var context = new RiskContext { HoldHours = 72m, FundingRatePerInterval = 0.0005m };

        var finding = Assert.Single(Detect(OneBtc(50m, MarginMode.Isolated), context), f => f.Code == WarningCodes.CostsAboveMarginShare);

        Assert.Equal(6m, finding.Figures["fees"]);
        Assert.Equal(27m, finding.Figures["funding"]);
        Assert.Equal(9m, finding.Figures["intervals"]);
        Assert.Equal(27.5m, finding.Figures["sharePct"]);
        Assert.DoesNotContain(Detect(OneBtc(50m, MarginMode.Isolated), RiskContext.None), f => f.Code == WarningCodes.CostsAboveMarginShare);
    }

    [Fact]
    public void DailyMoves_Bundled_HasOnlyTheCitedCoins()
    {
        Assert.Equal(["BTC", "ETH", "SOL", "XRP"], Moves.Coins);
        Assert.Equal(1.94m, Moves.For("ETHUSDT"));
        Assert.Equal(3.35m, Moves.For("XRPUSDT"));
        Assert.Null(Moves.For("DOGEUSDT"));
        Assert.Contains("2026-05-09", Moves.AsOf, StringComparison.Ordinal);
    }
}
