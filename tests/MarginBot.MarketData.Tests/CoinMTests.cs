using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;

namespace MarginBot.MarketData.Tests;

/// <summary>Binance COIN-M (inverse) perpetuals: <c>BTCUSD</c> is <c>BTCUSD_PERP</c> on the COIN-M API.</summary>
public sealed class CoinMTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetMarkPrice_Inverse_FromTheCoinMPremiumIndex()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSD").WaitAsync(NoHang);

        Assert.True(answer.IsAvailable, answer.Reason);
        Assert.Equal(11029.69574559m, answer.Value.Price);
        Assert.Equal("Binance", answer.Source);
        Assert.Equal(["/dapi/v1/premiumIndex?symbol=BTCUSD_PERP"], harness.Server.Requests);
    }

    [Fact]
    public async Task GetFundingRate_Inverse_RateAndNextTime()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetFundingRateAsync(ExchangeId.Binance, "BTCUSD").WaitAsync(NoHang);

        Assert.True(answer.IsAvailable, answer.Reason);
        Assert.Equal(0.00071003m, answer.Value.Rate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1596096000000), answer.Value.NextFundingTime);
    }

    [Fact]
    public async Task GetTierTable_Inverse_NotAvailableWithoutARequest()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetTierTableAsync(ExchangeId.Binance, "BTCUSD").WaitAsync(NoHang);

        Assert.False(answer.IsAvailable);
        Assert.Contains("signed requests", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Theory]
    [InlineData(ExchangeId.Bybit)]
    [InlineData(ExchangeId.Okx)]
    public async Task GetMarkPrice_InverseElsewhere_NotCoveredWithoutARequest(ExchangeId exchange)
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetMarkPriceAsync(exchange, "BTCUSD").WaitAsync(NoHang);

        Assert.False(answer.IsAvailable);
        Assert.Contains("Binance's COIN-M perpetuals", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task GetMarkPrices_LinearAndInverse_OneAllSymbolRequestPerApi_DatedContractsLeftOut()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answers = await harness.Market.GetMarkPricesAsync(ExchangeId.Binance, ["BTCUSDT", "BTCUSD", "ETHUSD"]).WaitAsync(NoHang);

        Assert.Equal(11793.63104562m, answers[0].Value!.Price);
        Assert.Equal(11029.69574559m, answers[1].Value!.Price);
        Assert.Equal("Binance gave no usable mark price for ETHUSD", answers[2].Reason);
        Assert.Equal(["/dapi/v1/premiumIndex", "/fapi/v1/premiumIndex"], harness.Server.Requests.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CoinMRateLimited_UsdMStillAnswers()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/dapi/v1/premiumIndex", FakeAnswer.Json("{\"code\":-1003,\"msg\":\"Too many requests.\"}", 429));

        var inverse = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSD").WaitAsync(NoHang);
        var linear = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT").WaitAsync(NoHang);

        Assert.StartsWith("Binance refused more requests for now (HTTP 429)", inverse.Reason, StringComparison.Ordinal);
        Assert.True(linear.IsAvailable, linear.Reason);
    }
}
