using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MarginBot.Engine.Exchanges;

namespace MarginBot.MarketData.Tests;

/// <summary>
/// Offline, failing, slow, rate-limiting and malformed exchanges: every answer is "not available"
/// with a reason, within the hard timeout, and never an exception.
/// </summary>
public sealed class FailureTests
{
    // Far above every timeout these tests set, far below a hang.
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    private static readonly string[] FourSymbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"];

    [Fact]
    public async Task SlowAnswer_BeyondTheTimeout_NotAvailableQuickly()
    {
        await using var harness = await MarketDataHarness.StartAsync(new Dictionary<string, string?>
        {
            ["MarginBot:MarketData:AttemptTimeout"] = "00:00:00.300",
            ["MarginBot:MarketData:TotalTimeout"] = "00:00:10",
        });
        harness.Server.Answer("/fapi/v1/premiumIndex", FakeAnswer.Fixture("binance/premiumIndex-BTCUSDT.jsonc") with { Delay = TimeSpan.FromSeconds(30) });
        var watch = Stopwatch.StartNew();

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT").WaitAsync(NoHang);

        Assert.False(answer.IsAvailable);
        Assert.Contains("did not answer within", answer.Reason, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < NoHang);
        Assert.Equal(3, harness.Server.Count("/fapi/v1/premiumIndex")); // one try and MaxRetries = 2 retries
    }

    [Fact]
    public async Task SlowAnswer_TotalTimeoutShorterThanTheRetries_NotAvailableAtTheTotalTimeout()
    {
        await using var harness = await MarketDataHarness.StartAsync(new Dictionary<string, string?>
        {
            ["MarginBot:MarketData:AttemptTimeout"] = "00:00:05",
            ["MarginBot:MarketData:TotalTimeout"] = "00:00:00.300",
        });
        harness.Server.Answer("/v5/market/tickers", FakeAnswer.Fixture("bybit/tickers-BTCUSDT.jsonc") with { Delay = TimeSpan.FromSeconds(30) });

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, "BTCUSDT").WaitAsync(NoHang);

        Assert.False(answer.IsAvailable);
        Assert.Equal("Bybit did not answer within 1 s", answer.Reason);
    }

    [Fact]
    public async Task ServerError_ThenSuccess_RetriedAndAvailable()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/api/v5/public/mark-price",
            FakeAnswer.Json("oops", 503),
            FakeAnswer.Json("oops", 502),
            FakeAnswer.Fixture("okx/mark-price-BTC-USDT-SWAP.jsonc"));

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Okx, "BTCUSDT").WaitAsync(NoHang);

        Assert.True(answer.IsAvailable, answer.Reason);
        Assert.Equal(60123.4m, answer.Value.Price);
        Assert.Equal(3, harness.Server.Count("/api/v5/public/mark-price"));
    }

    [Fact]
    public async Task ServerError_Always_NotAvailableAfterTheRetries()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/api/v5/public/mark-price", FakeAnswer.Json("<html>Bad gateway</html>", 502));

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Okx, "BTCUSDT").WaitAsync(NoHang);

        Assert.False(answer.IsAvailable);
        Assert.Equal("OKX had a problem (HTTP 502)", answer.Reason);
        Assert.Equal(3, harness.Server.Count("/api/v5/public/mark-price"));
    }

    [Fact]
    public async Task TooManyRequests_RetryAfter_NotAvailableAndNoRequestUntilItPasses()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/fapi/v1/premiumIndex",
            FakeAnswer.Fixture("binance/error-too-many-requests.jsonc", 429) with { RetryAfter = "30" },
            FakeAnswer.Fixture("binance/premiumIndex-BTCUSDT.jsonc"));

        var limited = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT");
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        var coolingDown = await harness.Market.GetFundingRateAsync(ExchangeId.Binance, "BTCUSDT");

        Assert.False(limited.IsAvailable);
        Assert.Equal("Binance refused more requests for now (HTTP 429); MarginBot asks again in 30 s", limited.Reason);
        Assert.False(coolingDown.IsAvailable);
        Assert.Equal("Binance asked MarginBot to slow down; it asks again in 20 s", coolingDown.Reason);
        Assert.Equal(1, harness.Server.Count("/fapi/v1/premiumIndex"));

        harness.Clock.Advance(TimeSpan.FromSeconds(20));
        var after = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT");
        Assert.True(after.IsAvailable, after.Reason);
        Assert.Equal(2, harness.Server.Count("/fapi/v1/premiumIndex"));
    }

    [Fact]
    public async Task CoolDown_OneExchange_OthersUnaffected()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/fapi/v1/premiumIndex", FakeAnswer.Json("", 418));

        var banned = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT");
        var other = await harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, "BTCUSDT");

        Assert.False(banned.IsAvailable);
        Assert.Contains("HTTP 418", banned.Reason, StringComparison.Ordinal);
        Assert.Equal(1, harness.Server.Count("/fapi/v1/premiumIndex"));
        Assert.True(other.IsAvailable, other.Reason);
    }

    [Theory]
    [InlineData("/v5/market/tickers", "bybit/error-too-many-visits.jsonc", 200)]
    [InlineData("/api/v5/public/mark-price", "okx/error-too-many-requests.jsonc", 429)]
    public async Task RateLimitErrorCodes_NotAvailableAndCoolingDown(string path, string fixture, int status)
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer(path, FakeAnswer.Fixture(fixture, status));
        var exchange = path.StartsWith("/v5", StringComparison.Ordinal) ? ExchangeId.Bybit : ExchangeId.Okx;

        var first = await harness.Market.GetMarkPriceAsync(exchange, "BTCUSDT");
        var second = await harness.Market.GetMarkPriceAsync(exchange, "ETHUSDT");

        Assert.False(first.IsAvailable);
        Assert.False(second.IsAvailable);
        Assert.Contains("slow down", second.Reason, StringComparison.Ordinal);
        Assert.Equal(1, harness.Server.Count(path));
    }

    [Theory]
    [InlineData("{\"symbol\":\"BTCUSDT\",\"markPrice\":\"11793.6")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"symbol\":\"BTCUSDT\",\"markPrice\":\"n/a\"}")]
    [InlineData("{\"symbol\":\"BTCUSDT\",\"markPrice\":{\"value\":1}}")]
    [InlineData("{\"symbol\":\"BTCUSDT\",\"markPrice\":\"0\"}")]
    [InlineData("{\"symbol\":\"BTCUSDT\",\"markPrice\":\"1e400\"}")]
    public async Task MalformedBody_NotAvailableWithoutRetry(string body)
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/fapi/v1/premiumIndex", FakeAnswer.Json(body));

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT").WaitAsync(NoHang);

        Assert.False(answer.IsAvailable);
        Assert.StartsWith("Binance sent", answer.Reason, StringComparison.Ordinal);
        Assert.Equal(1, harness.Server.Count("/fapi/v1/premiumIndex"));
    }

    [Fact]
    public async Task MalformedTiers_NotContiguous_NotAvailable()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/v5/market/risk-limit", FakeAnswer.Json(
            Fixtures.Read("bybit/risk-limit-BTCUSDT.jsonc").Replace("\"riskLimitValue\": \"2600000\"", "\"riskLimitValue\": \"2000000\"", StringComparison.Ordinal)));

        var answer = await harness.Market.GetTierTableAsync(ExchangeId.Bybit, "BTCUSDT");

        Assert.False(answer.IsAvailable);
        Assert.StartsWith("Bybit sent", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_NothingListening_NotAvailableQuickly()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var harness = await MarketDataHarness.StartAsync(baseUrl: new Uri($"http://127.0.0.1:{closedPort}"));

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, "BTCUSDT").WaitAsync(NoHang);

        Assert.False(answer.IsAvailable);
        Assert.Equal("Bybit could not be reached", answer.Reason);
    }

    [Fact]
    public async Task RequestsPerSecond_BudgetSpentAndNoQueue_ExtraRequestsNotSent()
    {
        await using var harness = await MarketDataHarness.StartAsync(new Dictionary<string, string?>
        {
            ["MarginBot:MarketData:Okx:RequestsPerSecond"] = "1",
            ["MarginBot:MarketData:Okx:QueueLimit"] = "0",
        });

        var answers = await Task.WhenAll(
            FourSymbols.Select(s => harness.Market.GetMarkPriceAsync(ExchangeId.Okx, s)));

        // One token per second: a replenishment during the burst could let a second one through, never all four.
        Assert.InRange(harness.Server.Count("/api/v5/public/mark-price"), 1, 2);
        Assert.Contains(answers, a => a.Reason?.Contains("too many requests to OKX", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("BTCUSD")]
    [InlineData("btcusdt")]
    [InlineData("BTC/USDT")]
    [InlineData("BTCUSDT&x=1")]
    [InlineData("")]
    public async Task NotALiveSymbol_NotAvailableWithoutARequest(string symbol)
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, symbol);

        Assert.False(answer.IsAvailable);
        Assert.Contains("USDT-margined", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task CallerCancels_OperationCanceled()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, "BTCUSDT", cancelled.Token));
    }
}
