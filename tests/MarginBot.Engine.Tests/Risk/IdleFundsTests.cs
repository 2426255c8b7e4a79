using MarginBot.Engine.Contracts;
using MarginBot.Engine.Risk;

namespace MarginBot.Engine.Tests.Risk;

public class IdleFundsTests
{
    [Fact]
    public void Analyze_CrossEthWithIdle2700_LpMuchLowerWithIdleThanWithout()
    {
        var book = RiskBooks.Book(3000m, [RiskBooks.Pos("ETHUSDT", Side.Long, 1m, 3000m, 10m, MarginMode.Cross)], tiers: new Dictionary<string, MarginBot.Engine.Tiers.TierTable> { ["ETHUSDT"] = RiskBooks.OneTier("ETHUSDT", 0.005m) });

        var exposure = IdleFunds.Analyze(book);

        Assert.Equal(2700m, exposure.IdleFunds);
        Assert.Equal(2700m, exposure.ExposedToCross);
        var effect = Assert.Single(exposure.Effects);
        // With the whole wallet: LP = (3000 − 3000)/(0.005 − 1) = 0 → none. Without: (300 − 3000)/(0.005 − 1).
        Assert.Null(effect.LiquidationPriceWithIdle);
        Assert.Equal(-2700m / -0.995m, effect.LiquidationPriceWithoutIdle);
    }

    [Fact]
    public void Analyze_OnlyIsolated_NothingExposed()
    {
        var book = RiskBooks.Book(3000m, [RiskBooks.Pos("ETHUSDT", Side.Long, 1m, 3000m, 10m, MarginMode.Isolated)]);

        var exposure = IdleFunds.Analyze(book);

        Assert.Equal(2700m, exposure.IdleFunds);
        Assert.Equal(0m, exposure.ExposedToCross);
        Assert.Empty(exposure.Effects);
    }
}
