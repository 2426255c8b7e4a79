using MarginBot.Engine.Contracts;
using MarginBot.Engine.Risk;

namespace MarginBot.Engine.Tests.Risk;

public class EquityCurveTests
{
    [Fact]
    public void Compute_ArticleBtcLong_IsolatedFlattensAtLiquidationCrossKeepsFalling()
    {
        var book = RiskBooks.Book(1000m, [RiskBooks.Pos("BTCUSDT", Side.Long, 0.02m, 50000m, 10m, MarginMode.Isolated, 100m)]);

        var curve = EquityCurve.Compute(book, -30m, 10m, 41);

        Assert.Equal(41, curve.Points.Count);
        Assert.Equal(-30m, curve.Points[0].MovePct);
        Assert.Equal(10m, curve.Points[^1].MovePct);
        var low = curve.Points[0];
        // Cross: 0.02 BTC × −15,000 = −300, nothing liquidated with $1,000 behind a $1,000 position.
        Assert.Equal(700m, low.CrossEquity);
        var isolatedEvent = Assert.Single(curve.IsolatedLiquidations);
        Assert.Equal(1000m - isolatedEvent.Loss, low.IsolatedEquity);
        Assert.Equal(-isolatedEvent.Loss, low.IsolatedPnl[0]);
        Assert.Empty(curve.CrossLiquidations);
        var zero = curve.Points.Single(p => p.MovePct == 0m);
        Assert.Equal(1000m, zero.CrossEquity);
        Assert.Equal(1000m, zero.IsolatedEquity);
        Assert.Equal(1000m + 100m, curve.Points[^1].CrossEquity);
    }

    [Fact]
    public void Compute_OneSymbolOnly_OtherStaysFlat()
    {
        var book = RiskBooks.Book(
            5000m,
            [
                RiskBooks.Pos("BTCUSDT", Side.Long, 0.02m, 50000m, 10m, MarginMode.Cross),
                RiskBooks.Pos("ETHUSDT", Side.Long, 1m, 3000m, 10m, MarginMode.Cross),
            ]);

        var curve = EquityCurve.Compute(book, -10m, 10m, 3, symbol: "ETHUSDT");

        Assert.Equal([0m, 0m, 0m], curve.Points.Select(p => p.CrossPnl[0]));
        Assert.Equal([-300m, 0m, 300m], curve.Points.Select(p => p.CrossPnl[1]));
    }
}
