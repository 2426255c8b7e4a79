namespace MarginBot.Engine.Tests;

public class SanityTests
{
    [Fact]
    public void Catalog_LoadsBundledTables()
    {
        var catalog = Tiers.TierCatalog.LoadBundled();
        Assert.Equal(318, catalog.Count(Exchanges.ExchangeId.Binance, Contracts.ContractKind.Linear));
    }
}
