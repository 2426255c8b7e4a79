using System.Globalization;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.QuickCommands;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Tests;

public sealed class TradeTextTests
{
    private static readonly TierCatalog Catalog = TierCatalog.LoadBundled();

    [Theory]
    [InlineData("btc long 60000 10x")]
    [InlineData("10x @60000 long BTCUSDT")]
    [InlineData("x10 at 60,000 btc/usdt buy")]
    [InlineData("BTC 60k LONG 10X")]
    public void Parse_AnyOrder_SameRequest(string text)
    {
        var r = TradeText.Parse(text, Catalog);

        Assert.Equal(("BTCUSDT", Side.Long, 60000m, 10m), (r.Symbol, r.Side!.Value, r.Entry!.Value, r.Leverage!.Value));
    }

    [Theory]
    [InlineData("btc long 60000 10x 0.5 btc", "0.5", null)]
    [InlineData("btc long 60000 10x qty 0.5", "0.5", null)]
    [InlineData("btc long 60000 10x $5000", null, "5000")]
    [InlineData("btc long 60000 10x 5k usdt", null, "5000")]
    [InlineData("btc long 60000 10x 5000usdt", null, "5000")]
    public void Parse_Sizes_QuantityOrNotional(string text, string? quantity, string? notional)
    {
        var r = TradeText.Parse(text, Catalog);

        Assert.Equal(quantity is null ? null : decimal.Parse(quantity, CultureInfo.InvariantCulture), r.Quantity);
        Assert.Equal(notional is null ? null : decimal.Parse(notional, CultureInfo.InvariantCulture), r.Notional);
    }

    [Theory]
    [InlineData("btc long 60000 10x banana", "banana")]
    [InlineData("btc long 60000 300x", "300x")]
    [InlineData("btc long 60000 10x wallet", "wallet")]
    [InlineData("btc long 60000 10x 20x", "20x")]
    public void Parse_Unreadable_NamesTheToken(string text, string token)
    {
        var e = Assert.Throws<InputException>(() => TradeText.Parse(text, Catalog));

        Assert.Equal(token, e.Problem.Field);
    }

    [Fact]
    public void Parse_ModeWalletExchange_Read()
    {
        var r = TradeText.Parse("eth short 3000 20x cross wallet 1000 bybit", Catalog);

        Assert.Equal((MarginMode.Cross, 1000m, "Bybit"), (r.Mode!.Value, r.Wallet!.Value, r.Exchange!.Name));
    }
}
