using MarginBot.Engine.Contracts;
using MarginBot.Engine.Risk;

namespace MarginBot.Engine.Tests.Risk;

public class WhatIfTests
{
    [Fact]
    public void WhatIf_LargestLossFirst_ClosesEthAndKeepsBtcShort()
    {
        var book = RiskBooks.ArticleCascade();

        var result = WhatIf.Run(book, RiskBooks.Move("ETHUSDT", PriceMove.To(2870m)), new CascadeOptions { Model = CascadeModel.LargestLossFirst });

        Assert.Equal(CascadeModel.LargestLossFirst, result.Model);
        Assert.Equal("ETHUSDT", Assert.Single(result.Events).Position.Symbol);
        Assert.Equal("BTCUSDT", Assert.Single(result.End.PositionsLeft).Symbol);
        // After ETH goes: wallet = 500 − ETH loss; BTC short still +40 at 59600.
        Assert.Equal(result.End.WalletBalance + 40m, result.End.Equity);
    }

    [Fact]
    public void WhatIf_IsolatedNearAndCrossFar_IsolatedDiesFirstThenAccount()
    {
        // ETH isolated at 20x dies about 5% down; the BTC cross long with $1,000 behind 0.1 BTC needs a far larger drop.
        var book = RiskBooks.Book(
            1300m,
            [
                RiskBooks.Pos("ETHUSDT", Side.Long, 1m, 3000m, 20m, MarginMode.Isolated),
                RiskBooks.Pos("BTCUSDT", Side.Long, 0.2m, 60000m, 20m, MarginMode.Cross),
            ]);

        var result = WhatIf.Run(book, MoveScenario.Everything(-30m));

        Assert.Equal(["ETHUSDT", "BTCUSDT"], result.Events.Select(e => e.Position.Symbol));
        Assert.False(result.Events[0].AccountTrigger);
        Assert.True(result.Events[1].AccountTrigger);
        Assert.True(result.Events[0].MovePct > result.Events[1].MovePct, "the isolated one dies at the smaller move");
        Assert.Equal(result.Events[0].WalletAfter, 1300m - result.Events[0].Loss);
        Assert.Equal(result.End.TotalLoss, result.Events.Sum(e => e.Loss));
        Assert.True(result.End.WalletBalance >= 0m);
    }

    [Fact]
    public void WhatIf_PathDownThenBack_LiquidationStays()
    {
        var book = RiskBooks.Book(1000m, [RiskBooks.Pos("BTCUSDT", Side.Long, 0.1m, 60000m, 20m, MarginMode.Isolated)]);
        var down = new MoveStep(new Dictionary<string, PriceMove>(), PriceMove.ByPercent(-10m));
        var back = new MoveStep(new Dictionary<string, PriceMove>(), PriceMove.ByPercent(0m));

        var result = WhatIf.Run(book, new MoveScenario([down, back]));

        Assert.Single(result.Events);
        Assert.Empty(result.End.PositionsLeft);
        Assert.Equal(60000m, result.End.Prices["BTCUSDT"]);
        Assert.Equal(400, result.FineSteps);
    }

    [Fact]
    public void WhatIf_MoveTooSmall_NoEventsAndEquityFollowsPrice()
    {
        var book = RiskBooks.Book(1000m, [RiskBooks.Pos("BTCUSDT", Side.Short, 0.1m, 60000m, 10m, MarginMode.Cross)]);

        var result = WhatIf.Run(book, RiskBooks.Move("BTCUSDT", PriceMove.ByPercent(-5m)));

        Assert.Empty(result.Events);
        Assert.Equal(1000m, result.End.WalletBalance);
        Assert.Equal(1000m + 300m, result.End.Equity);
        Assert.Equal(0m, result.End.TotalLoss);
    }

    [Fact]
    public void WhatIf_CrossShortSqueezed_CrossWalletNeverNegative()
    {
        var book = RiskBooks.Book(500m, [RiskBooks.Pos("BTCUSDT", Side.Short, 0.1m, 60000m, 20m, MarginMode.Cross)]);

        var result = WhatIf.Run(book, RiskBooks.Move("BTCUSDT", PriceMove.ByPercent(50m)));

        var e = Assert.Single(result.Events);
        Assert.True(e.Price > 60000m && e.Price < 65000m);
        Assert.True(result.End.WalletBalance >= 0m);
        Assert.True(e.Loss <= 500m);
    }

    [Fact]
    public void PriceMove_ByPercentMinus100_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PriceMove.ByPercent(-100m));
        Assert.Equal(54000m, PriceMove.ByPercent(-10m).From(60000m));
        Assert.Equal(123m, PriceMove.To(123m).From(60000m));
    }
}

public class WhatIfStartStateTests
{
    [Fact]
    public void WhatIf_IsolatedAlreadyPastLp_ClosedAtTheMarkNotAtTheLp()
    {
        // 10x isolated long: LP = 54000/0.996 ≈ 54,216.87; the mark is already at 54,000.
        var book = RiskBooks.Book(
            1000m,
            [RiskBooks.Pos("BTCUSDT", Side.Long, 0.01m, 60000m, 10m, MarginMode.Isolated)],
            new Dictionary<string, decimal> { ["BTCUSDT"] = 54000m });

        var result = WhatIf.Run(book, RiskBooks.Move("BTCUSDT", PriceMove.ByPercent(0m)));

        var e = Assert.Single(result.Events);
        Assert.Equal(54000m, e.Price);
        Assert.Equal(60m + (0.0005m * 540m), e.Loss);
    }
}

public class WhatIfStepTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void WhatIf_AnyStepCount_SameAccountTriggerPrice(int steps)
    {
        var result = WhatIf.Run(RiskBooks.ArticleCascade(), RiskBooks.Move("ETHUSDT", PriceMove.To(2870m)), new CascadeOptions { StepsPerLeg = steps });

        var trigger = 5609m / 1.95m;
        Assert.InRange(result.Events[0].Price, trigger - 0.000001m, trigger + 0.000001m);
        Assert.Equal(2, result.Events.Count);
    }

    [Fact]
    public void WhatIf_TableWithJumpAtTierEdge_TriggerStillFound()
    {
        // A hand-written table without a maintenance amount: the requirement jumps from 1% to 20% at 5,000 of notional.
        var table = new MarginBot.Engine.Tiers.TierTable(
            "ETHUSDT",
            MarginBot.Engine.Tiers.TierBasis.QuoteNotional,
            [new(1, 0m, 5000m, 0.01m, 0m, null), new(2, 5000m, null, 0.20m, 0m, null)],
            MarginBot.Engine.Tiers.TierSource.Override,
            "test",
            MarginBot.Engine.Tiers.TierEdge.FloorInclusive);
        var book = RiskBooks.Book(
            1000m,
            [RiskBooks.Pos("ETHUSDT", Side.Short, 2m, 2400m, 10m, MarginMode.Cross)],
            tiers: new Dictionary<string, MarginBot.Engine.Tiers.TierTable> { ["ETHUSDT"] = table });

        // At 2,500 the notional crosses 5,000: requirement 1,000 against equity 800.
        var result = WhatIf.Run(book, RiskBooks.Move("ETHUSDT", PriceMove.To(2600m)), new CascadeOptions { StepsPerLeg = 1000 });

        var e = Assert.Single(result.Events);
        Assert.InRange(e.Price, 2500m, 2500.2m);
    }
}
