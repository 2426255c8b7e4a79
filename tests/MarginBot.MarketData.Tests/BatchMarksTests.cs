using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;

namespace MarginBot.MarketData.Tests;

/// <summary>
/// <see cref="IMarketData.GetMarkPricesAsync"/>: one all-symbol request per exchange, its marks filling
/// the per-symbol cache, shared by concurrent callers, and every failure a "not available" per symbol.
/// </summary>
public sealed class BatchMarksTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    public static TheoryData<ExchangeId, string, decimal, decimal> AllSymbolAnswers() => new()
    {
        { ExchangeId.Binance, FakeExchangeServer.BinanceAllMarks, 11793.63104562m, 3012.5m },
        { ExchangeId.Bybit, FakeExchangeServer.BybitAllMarks, 17217.33m, 1262.51m },
        { ExchangeId.Okx, FakeExchangeServer.OkxAllMarks, 60123.4m, 3012.5m },
    };

    [Theory]
    [MemberData(nameof(AllSymbolAnswers))]
    public async Task GetMarkPrices_OneAllSymbolRequest_EveryMarkAndTheCacheFilled(ExchangeId exchange, string request, decimal btc, decimal eth)
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answers = await harness.Market.GetMarkPricesAsync(exchange, ["BTCUSDT", "ETHUSDT", "XRPUSDT"]).WaitAsync(NoHang);

        Assert.Equal(["BTCUSDT", "ETHUSDT", "XRPUSDT"], answers.Select(a => a.Symbol));
        Assert.Equal(btc, answers[0].Value!.Price);
        Assert.Equal(eth, answers[1].Value!.Price);
        Assert.False(answers[2].IsAvailable);
        Assert.Equal($"{ExchangeProfile.Of(exchange).Name} gave no usable mark price for XRPUSDT", answers[2].Reason);
        Assert.Equal([request.TrimEnd('?')], harness.Server.Requests);

        // The batch filled the per-symbol cache: a single ask within the TTL sends nothing.
        var single = await harness.Market.GetMarkPriceAsync(exchange, "ETHUSDT").WaitAsync(NoHang);
        Assert.Equal(eth, single.Value!.Price);
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task GetMarkPrices_OtherContractKinds_LeftOut()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer(FakeExchangeServer.OkxAllMarks, FakeAnswer.Json("""
            {"code":"0","msg":"","data":[{"instType":"SWAP","instId":"BTC-USD-SWAP","markPx":"60110.2","ts":"1747036800000"},
            {"instType":"SWAP","instId":"ETH-USDT-SWAP","markPx":"3012.5","ts":"1747036800000"}]}
            """));

        var answers = await harness.Market.GetMarkPricesAsync(ExchangeId.Okx, ["BTCUSDT", "ETHUSDT"]).WaitAsync(NoHang);

        Assert.False(answers[0].IsAvailable);
        Assert.Equal(3012.5m, answers[1].Value!.Price);
    }

    [Fact]
    public async Task GetMarkPrices_WithinTheTtl_NoRequest_ThenOneAgain()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        string[] symbols = ["BTCUSDT", "ETHUSDT"];

        var first = await harness.Market.GetMarkPricesAsync(ExchangeId.Binance, symbols).WaitAsync(NoHang);
        harness.Clock.Advance(TimeSpan.FromSeconds(9));
        var cached = await harness.Market.GetMarkPricesAsync(ExchangeId.Binance, symbols).WaitAsync(NoHang);
        Assert.Equal(1, harness.Server.Count("/fapi/v1/premiumIndex"));
        Assert.Equal(first.Select(a => a.FetchedAt), cached.Select(a => a.FetchedAt));

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var refreshed = await harness.Market.GetMarkPricesAsync(ExchangeId.Binance, symbols).WaitAsync(NoHang);
        Assert.Equal(2, harness.Server.Count("/fapi/v1/premiumIndex"));
        Assert.All(refreshed, a => Assert.Equal(MarketDataHarness.Start.AddSeconds(10), a.FetchedAt));
    }

    [Fact]
    public async Task GetMarkPrices_AllFreshInTheCache_NoBatchRequest()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        await harness.Market.GetMarkPriceAsync(ExchangeId.Okx, "BTCUSDT").WaitAsync(NoHang);

        var answers = await harness.Market.GetMarkPricesAsync(ExchangeId.Okx, ["BTCUSDT"]).WaitAsync(NoHang);

        Assert.Equal(60123.4m, answers[0].Value!.Price);
        Assert.Equal(["/api/v5/public/mark-price?instType=SWAP&instId=BTC-USDT-SWAP"], harness.Server.Requests);
    }

    [Fact]
    public async Task GetMarkPrices_ConcurrentCallers_ShareOneRequest()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer(FakeExchangeServer.BybitAllMarks, FakeAnswer.Fixture("bybit/tickers-linear-all.jsonc") with { Delay = TimeSpan.FromMilliseconds(300) });

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => harness.Market.GetMarkPricesAsync(ExchangeId.Bybit, ["BTCUSDT", "ETHUSDT"]))).WaitAsync(NoHang);

        Assert.All(all, answers => Assert.Equal(17217.33m, answers[0].Value!.Price));
        Assert.Equal(1, harness.Server.Count("/v5/market/tickers"));
    }

    [Fact]
    public async Task GetMarkPrices_NotUsdtPerpetual_RefusedWithoutARequest()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answers = await harness.Market.GetMarkPricesAsync(ExchangeId.Binance, ["BTCUSD_PERP", "btc"]).WaitAsync(NoHang);

        Assert.All(answers, a => Assert.Contains("USDT-margined perpetuals", a.Reason, StringComparison.Ordinal));
        Assert.Empty(harness.Server.Requests);
    }

    [Theory]
    [InlineData("server error", "Binance had a problem (HTTP 502)")]
    [InlineData("malformed body", "Binance sent an answer MarginBot cannot read")]
    [InlineData("wrong shape", "Binance sent an answer MarginBot cannot read (field 'markPrice')")]
    [InlineData("rate limit", "Binance refused more requests for now (HTTP 429)")]
    [InlineData("slow", "Binance did not answer within")]
    public async Task GetMarkPrices_ExchangeFailing_EverySymbolNotAvailable(string what, string reason)
    {
        var failure = what switch
        {
            "server error" => FakeAnswer.Json("<html>Bad gateway</html>", 502),
            "malformed body" => FakeAnswer.Json("[{\"symbol\":\"BTCUSDT\",\"markPrice\":"),
            "wrong shape" => FakeAnswer.Json("{\"symbol\":\"BTCUSDT\",\"markPrice\":\"1\"}"),
            "rate limit" => FakeAnswer.Json("{\"code\":-1003,\"msg\":\"Too many requests.\"}", 429),
            _ => FakeAnswer.Fixture("binance/premiumIndex-all.jsonc") with { Delay = TimeSpan.FromSeconds(30) },
        };
        await using var harness = await MarketDataHarness.StartAsync(new Dictionary<string, string?>
        {
            ["MarginBot:MarketData:AttemptTimeout"] = "00:00:00.300",
            ["MarginBot:MarketData:TotalTimeout"] = "00:00:02",
        });
        harness.Server.Answer("/fapi/v1/premiumIndex", failure);

        var answers = await harness.Market.GetMarkPricesAsync(ExchangeId.Binance, ["BTCUSDT", "ETHUSDT"]).WaitAsync(NoHang);

        Assert.All(answers, a => Assert.StartsWith(reason, a.Reason, StringComparison.Ordinal));
        Assert.True(harness.Server.Count("/fapi/v1/premiumIndex") >= 1, what);
    }
}
