using MarginBot.Engine.Contracts;
using MarginBot.Engine.Risk;
using static MarginBot.Engine.Tests.Risk.RiskBooks;

namespace MarginBot.Engine.Tests.Risk;

public class WhatIfWalletTests
{
    [Fact]
    public void WhatIf_WholeBookCloseWhereTheLoserAloneExceedsTheWallet_NoEventShowsANegativeWallet()
    {
        // 500 cross wallet; a big ETH long and a BTC short in profit. Every coin −15%: the ETH loss
        // alone is more than the wallet, the BTC gain is credited in the same instant.
        var book = Book(
            500m,
            [
                Pos("ETHUSDT", Side.Long, 2m, 3_000m, 20m, MarginMode.Cross),
                Pos("BTCUSDT", Side.Short, 0.01m, 60_000m, 10m, MarginMode.Cross),
            ],
            marks: new Dictionary<string, decimal> { ["ETHUSDT"] = 2_940m, ["BTCUSDT"] = 56_000m });

        var result = WhatIf.Run(book, MoveScenario.Everything(-15m));

        Assert.NotEmpty(result.Events);
        Assert.All(result.Events, e => Assert.True(e.WalletAfter >= 0m, $"{e.Position.Symbol}: wallet after {e.WalletAfter}"));
        Assert.True(result.End.WalletBalance >= 0m);
        Assert.Equal(500m - result.End.WalletBalance, result.Events.Sum(e => e.Loss));
    }
}
