using CsCheck;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Risk;

namespace MarginBot.Engine.Tests.Risk;

/// <summary>Invariants of the what-if walk over random books and moves.</summary>
public class CascadePropertyTests
{
    [Fact]
    public void WhatIf_AnyIsolatedLong_LosesAtMostMarginPlusFee()
    {
        Gen.Select(Gen.Decimal[1m, 50m], Gen.Decimal[0.001m, 2m], Gen.Decimal[-99m, 50m]).Sample((leverage, qty, move) =>
        {
            var book = RiskBooks.Book(1_000_000m, [RiskBooks.Pos("BTCUSDT", Side.Long, qty, 60000m, leverage, MarginMode.Isolated)]);

            var result = WhatIf.Run(book, MoveScenario.Everything(move), new CascadeOptions { StepsPerLeg = 20 });

            foreach (var e in result.Events)
            {
                Assert.True(e.Loss <= e.Position.PositionMargin + e.Fee, $"loss {e.Loss} > margin {e.Position.PositionMargin} + fee {e.Fee}");
            }

            Assert.Equal(1_000_000m - result.End.TotalLoss, result.End.WalletBalance);
        });
    }

    [Fact]
    public void WhatIf_AnyCrossBook_WalletNeverNegativeAndEventsAfterTriggerOnly()
    {
        Gen.Select(Gen.Decimal[100m, 5000m], Gen.Decimal[0.01m, 0.2m], Gen.Decimal[0.5m, 5m], Gen.Decimal[-60m, 60m]).Sample((wallet, btc, eth, move) =>
        {
            var book = RiskBooks.Book(wallet,
            [
                RiskBooks.Pos("BTCUSDT", Side.Long, btc, 60000m, 20m, MarginMode.Cross),
                RiskBooks.Pos("ETHUSDT", Side.Short, eth, 3000m, 20m, MarginMode.Cross),
            ]);

            var result = WhatIf.Run(book, RiskBooks.Move("BTCUSDT", PriceMove.ByPercent(move)), new CascadeOptions { StepsPerLeg = 20 });

            Assert.True(result.End.WalletBalance >= 0m);
            Assert.All(result.Events, e => Assert.True(e.AccountTrigger));
            Assert.True(result.Events.Count is 0 or 2, "the whole-book model closes every cross position at once");
        });
    }
}
