using MarginBot.Conversations.Market;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Tests;

public sealed class MarketTextsTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 8, 0, 8, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(8, "8 s ago")]
    [InlineData(59, "59 s ago")]
    [InlineData(60, "1 min ago")]
    [InlineData(3599, "59 min ago")]
    [InlineData(7200, "2 h ago")]
    [InlineData(3 * 86400, "3 d ago")]
    public void Age_Seconds_WholeUnitsRoundedDown(int seconds, string expected)
    {
        Assert.Equal(expected, Texts.Market.Age(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Mark_Available_PriceSourceAndAge()
    {
        var answer = MarketAnswer.Available(ExchangeId.Binance, "BTCUSDT", new MarkPrice(60123.4m), Now.AddSeconds(-8));

        Assert.Equal("mark 60,123.4 on Binance, 8 s ago", Texts.Market.Mark(answer, Now));
    }

    [Fact]
    public void Mark_NotAvailable_SaysSoWithTheEscapedReason()
    {
        var answer = MarketAnswer.NotAvailable<MarkPrice>(ExchangeId.Okx, "BTCUSDT", "OKX said: <b>busy</b>");

        Assert.Equal("no live mark price from OKX (OKX said: &lt;b&gt;busy&lt;/b&gt;)", Texts.Market.Mark(answer, Now));
    }

    [Fact]
    public void Funding_Available_PercentSourceAgeAndNextTime()
    {
        var answer = MarketAnswer.Available(ExchangeId.Bybit, "BTCUSDT", new FundingRate(-0.000212m, new DateTimeOffset(2026, 5, 12, 16, 0, 0, TimeSpan.Zero)), Now.AddMinutes(-5));

        Assert.Equal("funding -0.0212% on Bybit, 5 min ago, next at 16:00 UTC", Texts.Market.Funding(answer, Now));
    }

    [Fact]
    public void Tiers_BundledBecauseLiveFailed_SaysWhich()
    {
        var bundled = TierCatalog.LoadBundled().Resolve(ExchangeId.Binance, ContractKind.Linear, "BTCUSDT");
        var live = MarketAnswer.NotAvailable<TierTable>(ExchangeId.Binance, "BTCUSDT", "signed requests only");

        Assert.Equal("bundled tiers of 2024-10-24 (no live table: signed requests only)", Texts.Market.Tiers(bundled, live, Now));
    }

    [Fact]
    public void Tiers_Live_SourceAndAge()
    {
        var table = TierTable.OneTier("BTCUSDT", TierBasis.QuoteNotional, 0.005m, 0m, 100m).WithSource(TierSource.Live, "2026-05-12T06:00:08Z");
        var live = MarketAnswer.Available(ExchangeId.Bybit, "BTCUSDT", table, Now.AddHours(-2));

        Assert.Equal("live tiers on Bybit, 2 h ago", Texts.Market.Tiers(table, live, Now));
    }
}
