using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;
using MarginBot.MarketData.Exchanges;

namespace MarginBot.MarketData.Tests;

// Fixtures: Fixtures/okx (OKX v5 public data: mark price, funding rate, instruments, position tiers, error codes).
public sealed class OkxAdapterTests
{
    [Fact]
    public void OkxInstrument_FromSymbol_SwapIdAndFamily()
    {
        var instrument = OkxInstrument.FromSymbol("BTCUSDT");

        Assert.Equal("BTC-USDT-SWAP", instrument.InstrumentId);
        Assert.Equal("BTC-USDT", instrument.Family);
    }

    [Theory]
    [InlineData("BTC-USDT-SWAP", "BTCUSDT")]
    [InlineData("1000PEPE-USDT-SWAP", "1000PEPEUSDT")]
    public void OkxInstrument_FromInstrumentId_MarginBotSymbol(string instrumentId, string symbol)
    {
        Assert.True(OkxInstrument.TryFromInstrumentId(instrumentId, out var instrument));
        Assert.Equal(symbol, instrument.Symbol);
        Assert.Equal(instrumentId, OkxInstrument.FromSymbol(symbol).InstrumentId);
    }

    [Theory]
    [InlineData("BTC-USD-SWAP")]
    [InlineData("BTC-USDT")]
    [InlineData("-USDT-SWAP")]
    [InlineData(null)]
    public void OkxInstrument_FromOtherIds_False(string? instrumentId)
    {
        Assert.False(OkxInstrument.TryFromInstrumentId(instrumentId, out _));
    }

    [Fact]
    public async Task GetMarkPrice_MarkPx_ExactMark()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Okx, "BTCUSDT");

        Assert.True(answer.IsAvailable, answer.Reason);
        Assert.Equal(60123.4m, answer.Value.Price);
        Assert.Equal("OKX", answer.Source);
        Assert.Equal(["/api/v5/public/mark-price?instType=SWAP&instId=BTC-USDT-SWAP"], harness.Server.Requests);
    }

    [Fact]
    public async Task GetFundingRate_FundingRate_RateSettledAtFundingTime()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetFundingRateAsync(ExchangeId.Okx, "BTCUSDT");

        Assert.True(answer.IsAvailable, answer.Reason);
        Assert.Equal(0.0000792386885340m, answer.Value.Rate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1703088000000), answer.Value.NextFundingTime);
    }

    [Fact]
    public async Task GetTierTable_PositionTiers_ContractsConvertedToCoinWithCtVal()
    {
        await using var harness = await MarketDataHarness.StartAsync();

        var answer = await harness.Market.GetTierTableAsync(ExchangeId.Okx, "BTCUSDT");

        Assert.True(answer.IsAvailable, answer.Reason);
        var table = answer.Value;
        Assert.Equal(TierBasis.BaseQuantity, table.Basis);
        Assert.Equal(TierSource.Live, table.Source);
        Assert.Equal(
            [
                new MarginTier(1, 0m, 10m, 0.004m, 0m, 100m),
                new MarginTier(2, 10m, 50m, 0.005m, 0m, 66.66m),
                new MarginTier(3, 50m, 200m, 0.0075m, 0m, 50m),
                new MarginTier(4, 200m, null, 0.0125m, 0m, 40m),
            ],
            table.Tiers);
        Assert.Contains("/api/v5/public/instruments?instType=SWAP&instId=BTC-USDT-SWAP", harness.Server.Requests);
        Assert.Contains("/api/v5/public/position-tiers?instType=SWAP&tdMode=cross&instFamily=BTC-USDT", harness.Server.Requests);
    }

    [Fact]
    public async Task GetTierTable_LiveTable_SameFiguresAsTheBundledOne()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        var bundled = TierCatalog.LoadBundled().Resolve(ExchangeId.Okx, ContractKind.Linear, "BTCUSDT");

        var live = (await harness.Market.GetTierTableAsync(ExchangeId.Okx, "BTCUSDT")).Value!;

        Assert.Equal(bundled.Tiers.Take(3), live.Tiers.Take(3));
    }

    [Fact]
    public async Task GetTierTable_ContractValueInAnotherCoin_NotAvailable()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/api/v5/public/instruments", FakeAnswer.Json(
            Fixtures.Read("okx/instruments-BTC-USDT-SWAP.jsonc").Replace("\"ctValCcy\": \"BTC\"", "\"ctValCcy\": \"USD\"", StringComparison.Ordinal)));

        var answer = await harness.Market.GetTierTableAsync(ExchangeId.Okx, "BTCUSDT");

        Assert.False(answer.IsAvailable);
        Assert.Contains("ctVal", answer.Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.Count("/api/v5/public/position-tiers"));
    }

    [Fact]
    public async Task GetMarkPrice_CodeNotZero_NotAvailableWithMsg()
    {
        await using var harness = await MarketDataHarness.StartAsync();
        harness.Server.Answer("/api/v5/public/mark-price", FakeAnswer.Fixture("okx/error-instrument-missing.jsonc"));

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Okx, "NOPEUSDT");

        Assert.False(answer.IsAvailable);
        Assert.Equal("OKX said: Instrument ID does not exist (code 51001)", answer.Reason);
        Assert.Equal(1, harness.Server.Count("/api/v5/public/mark-price"));
    }
}
