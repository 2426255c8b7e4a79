using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Risk;

namespace MarginBot.Engine.Tests.Risk;

public class FundingDriftTests
{
    private static PricedPosition Btc(Side side) => new(
        new Position { Symbol = "BTCUSDT", Side = side, Quantity = 1m, EntryPrice = 60000m, Leverage = 10m, Mode = MarginMode.Isolated },
        RiskBooks.OneTier("BTCUSDT", 0.004m),
        60000m);

    [Fact]
    public void Project_LongThreeDaysAt001Pct_MarginShrinksAndLpClimbs()
    {
        var points = FundingDrift.Project(ExchangeProfile.Binance, ExchangeProfile.Binance.DefaultFees, Btc(Side.Long), 0.0001m, 9);

        Assert.Equal(10, points.Count);
        Assert.Equal(6000m, points[0].MarginLeft);
        Assert.Equal(54m, points[9].FundingPaid);
        Assert.Equal(5946m, points[9].MarginLeft);
        // Binance isolated, one tier, no amount: LP = (60000 − margin)/(1 − 0.004).
        var expected = (60000m - 5946m) / 0.996m;
        Assert.InRange(points[9].LiquidationPrice!.Value, expected - 0.0000001m, expected + 0.0000001m);
        Assert.True(points[9].LiquidationPrice > points[0].LiquidationPrice);
    }

    [Fact]
    public void Project_ShortPositiveRate_ReceivesAndLpMovesAway()
    {
        var points = FundingDrift.Project(ExchangeProfile.Binance, ExchangeProfile.Binance.DefaultFees, Btc(Side.Short), 0.0001m, 3);

        Assert.Equal(-18m, points[3].FundingPaid);
        Assert.Equal(6018m, points[3].MarginLeft);
        Assert.True(points[3].LiquidationPrice > points[0].LiquidationPrice);
    }

    [Fact]
    public void Project_RateEatsWholeMargin_StopsWhenMarginGone()
    {
        var points = FundingDrift.Project(ExchangeProfile.Binance, ExchangeProfile.Binance.DefaultFees, Btc(Side.Long), 0.05m, 10);

        Assert.Equal(3, points.Count);
        Assert.True(points[^1].MarginLeft <= 0m);
    }
}
