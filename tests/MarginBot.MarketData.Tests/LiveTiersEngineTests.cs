using System.Collections.Frozen;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.MarketData.Tests;

/// <summary>A fetched table goes straight into the engine: same liquidation price as the bundled table with the same figures.</summary>
public sealed class LiveTiersEngineTests
{
    [Theory]
    [InlineData(ExchangeId.Bybit)]
    [InlineData(ExchangeId.Okx)]
    public async Task BookAnalyzer_LiveTable_SameLiquidationPriceAsTheBundledTable(ExchangeId exchange)
    {
        await using var harness = await MarketDataHarness.StartAsync();
        var live = (await harness.Market.GetTierTableAsync(exchange, "BTCUSDT")).Value!;
        var bundled = TierCatalog.LoadBundled().Resolve(exchange, ContractKind.Linear, "BTCUSDT");

        var withLive = LiquidationPrice(exchange, live);
        var withBundled = LiquidationPrice(exchange, bundled);

        Assert.NotNull(withLive);
        Assert.InRange(withLive.Value, 50_000m, 60_000m);
        Assert.Equal(withBundled, withLive);
    }

    private static decimal? LiquidationPrice(ExchangeId exchange, TierTable table)
    {
        var book = new Book
        {
            Exchange = ExchangeProfile.Of(exchange),
            WalletBalance = 1_000m,
            Positions = [new Position { Symbol = "BTCUSDT", Side = Side.Long, Quantity = 0.1m, EntryPrice = 60_000m, Mode = MarginMode.Isolated, Leverage = 10m }],
            MarkPrices = new Dictionary<string, decimal> { ["BTCUSDT"] = 60_000m }.ToFrozenDictionary(),
            Tiers = new Dictionary<string, TierTable> { ["BTCUSDT"] = table }.ToFrozenDictionary(),
        };
        return BookAnalyzer.Analyze(book).Positions[0].LiquidationPrice;
    }
}
