using MarginBot.Engine.Contracts;
using MarginBot.Engine.Costs;

namespace MarginBot.Engine.Tests.Costs;

public class TradeCostsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    [InlineData(72, 9)]
    public void FundingIntervals_RoundsUp(int hours, int expected) =>
        Assert.Equal(expected, TradeCosts.FundingIntervals(hours, 8));

    [Fact]
    public void Funding_PositiveRate_LongsPayShortsReceive()
    {
        // 0.01% per 8 h on 30,000 notional over 9 intervals = 27.
        Assert.Equal(27m, TradeCosts.Funding(Side.Long, 30_000m, 0.0001m, 9));
        Assert.Equal(-27m, TradeCosts.Funding(Side.Short, 30_000m, 0.0001m, 9));
    }

    [Fact]
    public void LossAtStop_IncludesEntryAndExitFees()
    {
        // SOL long 15 at 150, stop 140: price loss 150, fees 15·150·0.0005 + 15·140·0.0005 = 1.125 + 1.05.
        var position = new Position { Symbol = "SOLUSDT", Side = Side.Long, Quantity = 15m, EntryPrice = 150m, Leverage = 5m };

        Assert.Equal(152.175m, TradeCosts.LossAtStop(position, 140m, 0.0005m));
    }
}
