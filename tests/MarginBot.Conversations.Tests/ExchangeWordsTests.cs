using MarginBot.Conversations.Input;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Tests;

/// <summary>Lists of exchanges in texts and errors come from the engine's registry, worded as before it.</summary>
public sealed class ExchangeWordsTests
{
    private static readonly TierCatalog Catalog = TierCatalog.LoadBundled();

    [Fact]
    public void ExchangeChoices_FromTheRegistry_TheWordingOfTheTexts()
    {
        Assert.Equal("binance, bybit or okx", Words.ExchangeChoices);
        Assert.Equal("binance, bybit or okx, such as /settings exchange bybit", Texts.Settings.ExchangeExample);
        Assert.Contains("• exchange (optional): binance, bybit, okx\n", Texts.Liq.Grammar("MarginBot"), StringComparison.Ordinal);
    }

    [Fact]
    public void Exchanges_EachWord_ParsesToItsExchange()
    {
        Assert.Equal(ExchangeProfile.All.Count, Words.Exchanges.Count);
        for (var i = 0; i < Words.Exchanges.Count; i++)
        {
            Assert.True(Words.TryParseExchange(Words.Exchanges[i], out var exchange));
            Assert.Same(ExchangeProfile.All[i], exchange);
        }
    }

    [Theory]
    [InlineData("BTCUSD", true)]
    [InlineData("BNBUSD", true)]
    [InlineData("XYZUSD", false)]
    public void IsListed_InverseSymbol_ListedWhenItOrItsUsdtTwinHasATable(string symbol, bool listed)
    {
        Assert.Equal(listed, SymbolCatalog.IsListed(Catalog, symbol, ContractKind.Inverse));
    }
}
