using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Risk;

namespace MarginBot.Engine.Tests.Risk;

public class PositionSizerTests
{
    private static SizingRequest Sol(decimal? wallet = null) => new()
    {
        Symbol = "SOLUSDT",
        Side = Side.Long,
        EntryPrice = 150m,
        StopPrice = 140m,
        MaxLoss = 150m,
        Tiers = RiskBooks.OneTier("SOLUSDT", 0.005m),
        CrossWallet = wallet,
    };

    [Fact]
    public void Size_Risk150Entry150Stop140_QuantityIncludesBothTakerFees()
    {
        var result = PositionSizer.Size(Sol());

        // Loss per SOL: 10 + 0.05% of 150 + 0.05% of 140 = 10.145.
        Assert.Equal(150m / 10.145m, result.Quantity);
        Assert.Equal(150m / 10.145m * 150m, result.Notional);
        Assert.InRange(result.LossAtStop, 150m - 0.0000000001m, 150m + 0.0000000001m);
    }

    [Fact]
    public void Size_OneTierHalfPercent_HighestLeverageKeepsStopWithin80Percent()
    {
        var result = PositionSizer.Size(Sol());

        // Isolated long LP = EP·(1 − 1/L)/(1 − MMR): the stop 10 below entry needs EP − LP ≥ 12.5.
        Assert.Equal(11m, result.MaxLeverage);
        Assert.True(result.StopShareOfWay <= 0.8m);
        var member = new PricedPosition(new Position { Symbol = "SOLUSDT", Side = Side.Long, Quantity = result.Quantity, EntryPrice = 150m, Mode = MarginMode.Isolated }, RiskBooks.OneTier("SOLUSDT", 0.005m), 150m);
        var lpAt12 = MarginRules.Isolated(ExchangeProfile.Binance, ExchangeProfile.Binance.DefaultFees, member, result.Notional / 12m).Price!.Value;
        Assert.True(10m > 0.8m * (150m - lpAt12), "12x would put the stop past 80% of the way");
    }

    [Fact]
    public void Size_WithCrossWallet_CrossLossFarAboveRisk()
    {
        var result = PositionSizer.Size(Sol(wallet: 1000m));

        Assert.NotNull(result.CrossLiquidationPrice);
        Assert.True(result.CrossLossAtLiquidation > 5m * 150m);
    }

    [Fact]
    public void Size_StopOnWinningSide_Throws()
    {
        Assert.Throws<ArgumentException>(() => PositionSizer.Size(Sol() with { StopPrice = 160m }));
    }
}
