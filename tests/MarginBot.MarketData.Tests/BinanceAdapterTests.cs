using MarginBot.Engine.Exchanges;

namespace MarginBot.MarketData.Tests;

// Fixtures: Fixtures/binance (Binance USDⓈ-M "Mark Price" and error-code pages).
public sealed class BinanceAdapterTests
{
    [Fact]
    public async Task GetMarkPrice_PremiumIndex_ExactMarkSourceAndFetchTime()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT");

        Assert.True(answer.IsAvailable, answer.Reason);
        Assert.Equal(11793.63104562m, answer.Value.Price);
        Assert.Equal("Binance", answer.Source);
        Assert.Equal(MarketDataHarness.Start, answer.FetchedAt);
        Assert.Equal(["/fapi/v1/premiumIndex?symbol=BTCUSDT"], harness.Server.Requests);
    }

    [Fact]
    public async Task GetFundingRate_PremiumIndex_LastRateAndNextFundingTime()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetFundingRateAsync(ExchangeId.Binance, "BTCUSDT");

        Assert.True(answer.IsAvailable, answer.Reason);
        Assert.Equal(0.00038246m, answer.Value.Rate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1597392000000), answer.Value.NextFundingTime);
    }

    [Fact]
    public async Task GetTierTable_Binance_NotAvailableWithoutARequest()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetTierTableAsync(ExchangeId.Binance, "BTCUSDT");

        Assert.False(answer.IsAvailable);
        Assert.Contains("bundled table", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task GetMarkPrice_InvalidSymbolError_NotAvailableWithTheExchangesMessageAndNoRetry()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/fapi/v1/premiumIndex", FakeAnswer.Fixture("binance/error-invalid-symbol.jsonc", 400));

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "NOPEUSDT");

        Assert.False(answer.IsAvailable);
        Assert.Equal("Binance said: Invalid symbol. (code -1121)", answer.Reason);
        Assert.Equal(1, harness.Server.Count("/fapi/v1/premiumIndex"));
    }

    [Fact]
    public async Task GetMarkPrice_AnswerForAnotherSymbol_NotAvailable()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "ETHUSDT");

        Assert.False(answer.IsAvailable);
        Assert.Contains("another symbol", answer.Reason, StringComparison.Ordinal);
    }
}
