using MarginBot.Engine.Contracts;
using MarginBot.Engine.Risk;

namespace MarginBot.Engine.Tests.Risk;

/// <summary>
/// The three numerical examples of the article (seed/000: "Isolated vs cross margin on crypto
/// futures"), each stated as a book and a move.
/// </summary>
public class ArticleExamplesTests
{
    // "You have $1,000 total, but you assign $100 isolated margin to a BTC perpetual long. You open a
    // $1,000 position (10x on that $100)." Binance BTCUSDT tier 1: 0.4%, no maintenance amount.
    [Fact]
    public void WhatIf_IsolatedBtcLongDropsHard_LossCappedNearMarginAndRestUntouched()
    {
        var book = RiskBooks.Book(1000m, [RiskBooks.Pos("BTCUSDT", Side.Long, 1000m / 60000m, 60000m, 10m, MarginMode.Isolated, 100m)]);

        var result = WhatIf.Run(book, RiskBooks.Move("BTCUSDT", PriceMove.ByPercent(-20m)));

        var liquidation = Assert.Single(result.Events);
        Assert.False(liquidation.AccountTrigger);
        // LP = (100 − 1000)/(Q·(0.004 − 1)); loss = Q·(EP − LP) + 0.05% of Q·LP = 1000 − 900/0.996 + 0.0005·900/0.996.
        var expectedLoss = 1000m - (900m / 0.996m) + (0.0005m * 900m / 0.996m);
        Assert.InRange(liquidation.Loss, expectedLoss - 0.000001m, expectedLoss + 0.000001m);
        Assert.InRange(liquidation.Loss, 95m, 100m);
        Assert.True(result.End.WalletBalance >= 900m, "the other $900 is untouched");
        Assert.Empty(result.End.PositionsLeft);
    }

    [Fact]
    public void ModeComparer_ArticleBtcLongSameBookInCross_CrossCostsMoreThanIsolatedCap()
    {
        var book = RiskBooks.Book(1000m, [RiskBooks.Pos("BTCUSDT", Side.Long, 1000m / 60000m, 60000m, 10m, MarginMode.Isolated, 100m)]);

        var comparison = ModeComparer.Compare(book, RiskBooks.Move("BTCUSDT", PriceMove.ByPercent(-30m)));

        // Cross: the whole $1,000 backs a $1,000 position, so nothing is liquidated and the drop costs 30%: $300.
        Assert.Empty(comparison.Cross.Liquidated);
        Assert.InRange(comparison.Cross.Cost, 300m - 0.0000001m, 300m + 0.0000001m);
        Assert.Single(comparison.Isolated.Liquidated);
        Assert.InRange(comparison.Isolated.Cost, 96m, 100.5m);
    }

    // "$500 in your futures wallet on cross margin. Position A: ETH long, currently −$120. Position B:
    // BTC short, currently +$40. ... ETH position goes to −$260 ... Even if BTC short was 'fine', it
    // can get liquidated too." Book: RiskBooks.ArticleCascade.
    [Fact]
    public void WhatIf_ArticleEthWickInCross_BtcShortClosedToo()
    {
        var book = RiskBooks.ArticleCascade();

        var result = WhatIf.Run(book, RiskBooks.Move("ETHUSDT", PriceMove.To(2870m)));

        Assert.Equal(["ETHUSDT", "BTCUSDT"], result.Events.Select(e => e.Position.Symbol));
        Assert.All(result.Events, e => Assert.True(e.AccountTrigger));
        // Trigger: 500 + 2(P − 3000) + 40 = 0.025·(2P + 5960)  ⇒  P = 5609 / 1.95.
        var trigger = 5609m / 1.95m;
        Assert.InRange(result.Events[0].Price, trigger - 0.000001m, trigger + 0.000001m);
        Assert.True(2m * (result.Events[0].Price - 3000m) > -260m, "the account gives way before ETH reaches −$260");
        Assert.Equal(59600m, result.Events[1].Price);
        Assert.Equal(0.0005m * 5960m - 40m, result.Events[1].Loss);
        Assert.Empty(result.End.PositionsLeft);
    }

    [Fact]
    public void ModeComparer_ArticleEthWick_IsolatedKeepsBtcShortAndCapsLoss()
    {
        var book = RiskBooks.ArticleCascade();
        var margins = new Dictionary<string, decimal> { ["ETHUSDT"] = 300m, ["BTCUSDT"] = 150m };

        var comparison = ModeComparer.Compare(book, RiskBooks.Move("ETHUSDT", PriceMove.To(2870m)), isolatedMargins: margins);

        Assert.Equal(["ETHUSDT", "BTCUSDT"], comparison.Cross.Liquidated.Select(p => p.Symbol));
        Assert.Equal("ETHUSDT", Assert.Single(comparison.Isolated.Liquidated).Symbol);
        Assert.Equal("BTCUSDT", Assert.Single(comparison.ClosedOnlyInCross).Symbol);
        // Isolated ETH: LP = (300 − 6000)/(2·0.025 − 2); loss = 2·(3000 − LP) + 0.05% of 2·LP.
        var lp = -5700m / -1.95m;
        var isolatedLoss = (2m * (3000m - lp)) + (0.0005m * 2m * lp);
        Assert.InRange(comparison.Isolated.TotalLoss, isolatedLoss - 0.000001m, isolatedLoss + 0.000001m);
        Assert.True(comparison.Cross.Cost > comparison.Isolated.Cost);
        Assert.Equal(500m, comparison.Cross.WalletBefore);
        Assert.True(comparison.IsolationSaves > 0m);
    }

    // "You planned to risk $150 on a SOL trade, but you left $1,000 sitting in the futures wallet. On
    // cross margin, a fast drop can consume far more than $150 before liquidation triggers."
    [Fact]
    public void WhatIf_SolSizedForRisk150InCrossWallet1000_FastDropConsumesFarMore()
    {
        var tiers = RiskBooks.Catalog.Resolve(Exchanges.ExchangeId.Binance, ContractKind.Linear, "SOLUSDT");
        var size = PositionSizer.Size(new SizingRequest { Symbol = "SOLUSDT", Side = Side.Long, EntryPrice = 150m, StopPrice = 140m, MaxLoss = 150m, Tiers = tiers });
        var book = RiskBooks.Book(1000m, [RiskBooks.Pos("SOLUSDT", Side.Long, size.Quantity, 150m, size.MaxLeverage!.Value, MarginMode.Cross)]);

        // A fast drop gaps through the stop (no fill): −60% in one wick.
        var result = WhatIf.Run(book, RiskBooks.Move("SOLUSDT", PriceMove.ByPercent(-60m)));

        var liquidation = Assert.Single(result.Events);
        Assert.True(liquidation.Loss > 5m * 150m, $"loss {liquidation.Loss} should be far more than the planned 150");
        Assert.True(result.End.WalletBalance < 100m);
    }

    [Fact]
    public void WhatIf_SolSizedForRisk150Isolated_FastDropLosesOnlyTheMargin()
    {
        var tiers = RiskBooks.Catalog.Resolve(Exchanges.ExchangeId.Binance, ContractKind.Linear, "SOLUSDT");
        var size = PositionSizer.Size(new SizingRequest { Symbol = "SOLUSDT", Side = Side.Long, EntryPrice = 150m, StopPrice = 140m, MaxLoss = 150m, Tiers = tiers });
        var book = RiskBooks.Book(1000m, [RiskBooks.Pos("SOLUSDT", Side.Long, size.Quantity, 150m, size.MaxLeverage!.Value, MarginMode.Isolated)]);

        var result = WhatIf.Run(book, RiskBooks.Move("SOLUSDT", PriceMove.ByPercent(-60m)));

        var liquidation = Assert.Single(result.Events);
        Assert.True(liquidation.Loss <= size.InitialMargin!.Value + liquidation.Fee);
        Assert.True(result.End.WalletBalance >= 1000m - size.InitialMargin.Value - liquidation.Fee);
    }
}
