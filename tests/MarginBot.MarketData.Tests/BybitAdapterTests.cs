using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.MarketData.Tests;

// Fixtures: Fixtures/bybit ("Get Tickers", "Get Risk Limit" and the v5 error-code page).
public sealed class BybitAdapterTests
{
    [Fact]
    public async Task GetMarkPrice_Tickers_ExactMark()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, "BTCUSDT");

        Assert.True(answer.IsAvailable, answer.Reason);
        Assert.Equal(17217.33m, answer.Value.Price);
        Assert.Equal("Bybit", answer.Source);
        Assert.Equal(["/v5/market/tickers?category=linear&symbol=BTCUSDT"], harness.Server.Requests);
    }

    [Fact]
    public async Task GetFundingRate_Tickers_NegativeRateAndNextFundingTimeFromAString()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetFundingRateAsync(ExchangeId.Bybit, "BTCUSDT");

        Assert.True(answer.IsAvailable, answer.Reason);
        Assert.Equal(-0.000212m, answer.Value.Rate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1673280000000), answer.Value.NextFundingTime);
    }

    [Fact]
    public async Task GetTierTable_RiskLimit_SortedContiguousLiveTiersWithDeductions()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetTierTableAsync(ExchangeId.Bybit, "BTCUSDT");

        Assert.True(answer.IsAvailable, answer.Reason);
        var table = answer.Value;
        Assert.Equal(TierSource.Live, table.Source);
        Assert.Equal("2026-05-12T08:00:00Z", table.AsOf);
        Assert.Equal(TierBasis.QuoteNotional, table.Basis);
        Assert.Equal(
            [
                new MarginTier(1, 0m, 2_000_000m, 0.005m, 0m, 100m),
                new MarginTier(2, 2_000_000m, 2_600_000m, 0.0056m, 1200m, 90m),
                new MarginTier(3, 2_600_000m, 3_200_000m, 0.0063m, 3020m, 80m),
                new MarginTier(4, 3_200_000m, 3_800_000m, 0.0067m, 4300m, 75m),
                new MarginTier(5, 3_800_000m, null, 0.0071m, 5820m, 70m),
            ],
            table.Tiers);
        Assert.Equal(["/v5/market/risk-limit?category=linear&symbol=BTCUSDT"], harness.Server.Requests);
    }

    [Fact]
    public async Task GetTierTable_LiveTable_SameFiguresAsTheBundledOne()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        var bundled = TierCatalog.LoadBundled().Resolve(ExchangeId.Bybit, Engine.Contracts.ContractKind.Linear, "BTCUSDT");

        var live = (await harness.Market.GetTierTableAsync(ExchangeId.Bybit, "BTCUSDT")).Value!;

        Assert.Equal(bundled.Tiers.Take(4), live.Tiers.Take(4));
    }

    [Fact]
    public async Task GetMarkPrice_RetCodeNotZero_NotAvailableWithRetMsg()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/v5/market/tickers", FakeAnswer.Fixture("bybit/error-symbol-invalid.jsonc"));

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, "NOPEUSDT");

        Assert.False(answer.IsAvailable);
        Assert.Equal("Bybit said: params error: symbol invalid (retCode 10001)", answer.Reason);
        Assert.Equal(1, harness.Server.Count("/v5/market/tickers"));
    }

    [Fact]
    public async Task GetMarkPrice_SymbolNotInTheList_NotAvailable()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Bybit, "ETHUSDT");

        Assert.False(answer.IsAvailable);
        Assert.Equal("Bybit does not list ETHUSDT", answer.Reason);
    }
}
