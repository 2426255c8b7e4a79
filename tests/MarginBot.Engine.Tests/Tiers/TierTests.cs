using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Tests.Tiers;

public class TierTests
{
    [Fact]
    public void Catalog_BundlesEveryBinanceUsdtPerpetualOfTheSnapshot()
    {
        Assert.Equal(318, Books.Catalog.Count(ExchangeId.Binance, ContractKind.Linear));
        Assert.True(Books.Catalog.Knows(ExchangeId.Binance, ContractKind.Inverse, "BTCUSD"));
        foreach (var symbol in new[] { "BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT" })
        {
            Assert.True(Books.Catalog.Knows(ExchangeId.Bybit, ContractKind.Linear, symbol), "bybit " + symbol);
            Assert.True(Books.Catalog.Knows(ExchangeId.Okx, ContractKind.Linear, symbol), "okx " + symbol);
        }
    }

    [Fact]
    public void BundledTables_MaintenanceMarginIsContinuousAtEveryEdge()
    {
        // cum_k = cum_{k−1} + floor_k·(rate_k − rate_{k−1}) makes MM the same from both sides of an edge.
        // OKX publishes no maintenance amount: its requirement jumps at tier edges by design.
        foreach (var exchange in ExchangeProfile.All.Where(e => e.Id != ExchangeId.Okx))
        {
            foreach (var kind in new[] { ContractKind.Linear, ContractKind.Inverse })
            {
                foreach (var symbol in Books.Catalog.Symbols(exchange.Id, kind))
                {
                    var tiers = Books.Catalog.Resolve(exchange.Id, kind, symbol).Tiers;
                    for (var i = 1; i < tiers.Count; i++)
                    {
                        var edge = tiers[i].Floor;
                        Assert.True(
                            Math.Abs(tiers[i - 1].MaintenanceMargin(edge) - tiers[i].MaintenanceMargin(edge)) < 0.000001m,
                            $"{exchange.Name} {symbol} tier {tiers[i].Number}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Fallback_IsContinuousAndStricterThanBtcFirstTier()
    {
        var fallback = FallbackTiers.For("XYZUSDT", ContractKind.Linear, TierEdge.FloorInclusive);

        Assert.Equal(TierSource.Fallback, fallback.Source);
        Assert.True(fallback.Tiers[0].MaintenanceMarginRate >= Books.Catalog.Resolve(ExchangeId.Binance, ContractKind.Linear, "BTCUSDT").Tiers[0].MaintenanceMarginRate);
        for (var i = 1; i < fallback.Tiers.Count; i++)
        {
            var edge = fallback.Tiers[i].Floor;
            Assert.Equal(fallback.Tiers[i - 1].MaintenanceMargin(edge), fallback.Tiers[i].MaintenanceMargin(edge));
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(49_999.99, 1)]
    [InlineData(50_000, 2)]
    [InlineData(599_999, 2)]
    [InlineData(600_000, 3)]
    [InlineData(5_000_000_000, 12)]
    public void At_PicksTierByNotional_FloorInclusiveCapExclusive(double notional, int tier) =>
        Assert.Equal(tier, Books.Catalog.Resolve(ExchangeId.Binance, ContractKind.Linear, "BTCUSDT").At((decimal)notional).Number);

    [Fact]
    public void Csv_MalformedRow_NamesTheLine()
    {
        const string text = "# basis: quote-notional\nsymbol,tier,floor,cap,maintenanceMarginRate,maintenanceAmount,maxLeverage\nBTCUSDT,1,0,abc,0.004,0,125\n";

        var error = Assert.Throws<FormatException>(() => TierCsv.Parse(text, TierSource.Override, TierEdge.FloorInclusive));
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }
}
