using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarginBot.MarketData.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task AddMarginBotMarketData_Disabled_OfflineAnswersWithoutRequests()
    {
        await using var harness = await MarketDataHarness.StartAsync(new Dictionary<string, string?> { ["MarginBot:MarketData:Enabled"] = "false" });

        var answer = await harness.Market.GetMarkPriceAsync(ExchangeId.Binance, "BTCUSDT");

        Assert.IsType<OfflineMarketData>(harness.Market);
        Assert.Equal(OfflineMarketData.Reason, answer.Reason);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public void AddMarginBotMarketData_NoConfiguration_ThePublicHostsAndDefaults()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<MarketDataOptions>>().Value;

        Assert.Equal(new Uri("https://fapi.binance.com"), options.Binance.BaseUrl);
        Assert.Equal(new Uri("https://api.bybit.com"), options.Bybit.BaseUrl);
        Assert.Equal(new Uri("https://www.okx.com"), options.Okx.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(10), options.MarkTtl);
        Assert.Equal(TimeSpan.FromHours(1), options.FundingTtl);
        Assert.Equal(TimeSpan.FromDays(1), options.TierTtl);
        Assert.IsNotType<OfflineMarketData>(provider.GetRequiredService<IMarketData>());
    }

    [Fact]
    public void AddMarginBotMarketData_RelativeBaseUrl_RefusedAtResolution()
    {
        using var provider = Build(new Dictionary<string, string?> { ["MarginBot:MarketData:Okx:BaseUrl"] = "/api" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IMarketData>());

        Assert.Contains("MarginBot:MarketData:Okx:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddMarginBotMarketData(configuration).BuildServiceProvider();
    }
}
