using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;

namespace MarginBot.MarketData.Tests;

public sealed class CachingTests
{
    [Fact]
    public async Task GetMarkPrice_WithinTenSeconds_CachedThenRefreshed()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var first = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT");
        harness.Clock.Advance(TimeSpan.FromSeconds(9));
        var cached = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT");

        Assert.Same(first, cached);
        Assert.Equal(1, harness.Server.Count("/fapi/v1/premiumIndex"));
        Assert.Equal(TimeSpan.FromSeconds(9), cached.AgeAt(harness.Clock.GetUtcNow()));

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var refreshed = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT");

        Assert.Equal(2, harness.Server.Count("/fapi/v1/premiumIndex"));
        Assert.Equal(MarketDataHarness.Start.AddSeconds(10), refreshed.FetchedAt);
    }

    [Fact]
    public async Task GetMarkPrice_ConfiguredTtl_Honoured()
    {
        await using var harness = await MarketDataHarness.StartAsync(new Dictionary<string, string?> { ["MarginBot:MarketData:MarkTtl"] = "00:00:30" });

        await AssertOneRequestFor(harness, () => harness.Market.GetMarkPriceAsync(ExchangeId.Okx, "BTCUSDT"), "/api/v5/public/mark-price", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task GetFundingRate_WithinAnHourBeforeSettlement_CachedThenRefreshed()
    {
        // The fixture's next funding is far in the past of the harness clock only for Binance; use a
        // next funding time two hours ahead so the one-hour TTL is what expires the entry.
        await using var harness = await MarketDataHarness.StartAsync();
        ServeTickersWithNextFunding(harness, MarketDataHarness.Start.AddHours(2));

        await AssertOneRequestFor(harness, () => harness.Market.GetFundingRateAsync(ExchangeId.Bybit, "BTCUSDT"), "/v5/market/tickers", TimeSpan.FromMinutes(60));
    }

    [Fact]
    public async Task GetFundingRate_SettlementBeforeTheTtl_RefreshedAtSettlement()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        ServeTickersWithNextFunding(harness, MarketDataHarness.Start.AddMinutes(20));

        await AssertOneRequestFor(harness, () => harness.Market.GetFundingRateAsync(ExchangeId.Bybit, "BTCUSDT"), "/v5/market/tickers", TimeSpan.FromMinutes(20));
    }

    [Fact]
    public async Task GetTierTable_WithinADay_CachedThenRefreshed()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        await harness.Market.GetTierTableAsync(ExchangeId.Bybit, "BTCUSDT");
        harness.Clock.Advance(TimeSpan.FromHours(23));
        var cached = await harness.Market.GetTierTableAsync(ExchangeId.Bybit, "BTCUSDT");
        Assert.Equal(1, harness.Server.Count("/v5/market/risk-limit"));
        Assert.Equal("2026-05-12T08:00:00Z", cached.Value!.AsOf);

        harness.Clock.Advance(TimeSpan.FromHours(1));
        var refreshed = await harness.Market.GetTierTableAsync(ExchangeId.Bybit, "BTCUSDT");
        Assert.Equal(2, harness.Server.Count("/v5/market/risk-limit"));
        Assert.Equal("2026-05-13T08:00:00Z", refreshed.Value!.AsOf);
    }

    [Fact]
    public async Task Kinds_MarkAndFunding_CachedSeparately()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT");
        await harness.Market.GetFundingRateAsync(ExchangeId.Binance, "BTCUSDT");

        Assert.Equal(2, harness.Server.Count("/fapi/v1/premiumIndex"));
    }

    [Fact]
    public async Task NotAvailable_KeptForTheFailureTtlThenAskedAgain()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/fapi/v1/premiumIndex",
            FakeAnswer.Fixture("binance/error-invalid-symbol.jsonc", 400),
            FakeAnswer.Fixture("binance/premiumIndex-BTCUSDT.jsonc"));

        var failed = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT");
        harness.Clock.Advance(TimeSpan.FromSeconds(4));
        var stillFailed = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT");
        Assert.False(failed.IsAvailable);
        Assert.Same(failed, stillFailed);
        Assert.Equal(1, harness.Server.Count("/fapi/v1/premiumIndex"));

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var recovered = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT");
        Assert.True(recovered.IsAvailable, recovered.Reason);
        Assert.Equal(2, harness.Server.Count("/fapi/v1/premiumIndex"));
    }

    [Fact]
    public async Task ConcurrentCallers_SameKey_OneRequestSharedByAll()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/v5/market/tickers", FakeAnswer.Fixture("bybit/tickers-BTCUSDT.jsonc") with { Delay = TimeSpan.FromMilliseconds(200) });

        var answers = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, "BTCUSDT"))));

        Assert.Equal(1, harness.Server.Count("/v5/market/tickers"));
        Assert.All(answers, answer => Assert.Equal(17217.33m, answer.Value?.Price));
    }

    [Fact]
    public async Task ConcurrentCallers_OneGivesUp_OthersStillGetTheAnswer()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/v5/market/tickers", FakeAnswer.Fixture("bybit/tickers-BTCUSDT.jsonc") with { Delay = TimeSpan.FromMilliseconds(300) });
        using var impatient = new CancellationTokenSource();

        var first = harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, "BTCUSDT", impatient.Token);
        var second = harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, "BTCUSDT");
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.True((await second).IsAvailable);
        Assert.Equal(1, harness.Server.Count("/v5/market/tickers"));
    }

    [Fact]
    public async Task DifferentSymbols_SeparateRequests()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        await Task.WhenAll(
            harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, "BTCUSDT"),
            harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, "ETHUSDT"));

        Assert.Equal(2, harness.Server.Count("/v5/market/tickers"));
    }

    // Asked, asked again a second before `fresh` ends: one request; asked when it ends: a second one.
    private static async Task AssertOneRequestFor<T>(MarketDataHarness harness, Func<Task<T>> ask, string path, TimeSpan fresh)
    {
        await ask();
        harness.Clock.Advance(fresh - TimeSpan.FromSeconds(1));
        await ask();
        Assert.Equal(1, harness.Server.Count(path));

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await ask();
        Assert.Equal(2, harness.Server.Count(path));
    }

    // Bybit's ticker fixture with its next funding time moved to `next`.
    private static void ServeTickersWithNextFunding(MarketDataHarness harness, DateTimeOffset next) =>
        harness.Server.Answer("/v5/market/tickers", FakeAnswer.Json(
            Fixtures.Read("bybit/tickers-BTCUSDT.jsonc").Replace(
                "1673280000000",
                next.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                StringComparison.Ordinal)));
}
