using MarginBot.Engine.Exchanges;
using MarginBot.MarketData.Exchanges;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarginBot.MarketData.Tests;

/// <summary>
/// The registry of live-data venues: every exchange of the engine has one, and each API's
/// configuration key binds the endpoint options the service uses for it.
/// </summary>
public sealed class MarketVenuesTests
{
    public static TheoryData<ExchangeId> Ids() => [.. Enum.GetValues<ExchangeId>()];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Of_EveryExchangeId_AVenueWithAnApiAndAnAbsoluteDefaultHost(ExchangeId id)
    {
        var venue = MarketVenues.Of(id);

        Assert.Equal(id, venue.Exchange);
        Assert.NotEmpty(venue.Apis);
        Assert.Single(MarketVenues.All, v => v.Exchange == id);
        Assert.True(new MarketDataOptions().For(id).BaseUrl?.IsAbsoluteUri);
    }

    [Fact]
    public void Apis_ConfigurationKeys_ThePublicContractInTheRegistrysOrder()
    {
        Assert.Equal(["Binance", "BinanceCoinM", "Bybit", "Okx"], MarketVenues.Apis.Select(a => a.Key));
    }

    [Fact]
    public void Apis_EachKey_BindsTheEndpointItsApiUses()
    {
        // A distinct figure per key: an API whose key is not the name of its options property stays at the default.
        var apis = MarketVenues.Apis.ToList();
        var settings = apis.Select((api, i) => KeyValuePair.Create<string, string?>(
            $"{MarketDataOptions.SectionName}:{api.Key}:QueueLimit", (1_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddMarginBotMarketData(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MarketDataOptions>>().Value;

        Assert.Equal(Enumerable.Range(1_000, apis.Count), apis.Select(api => api.Endpoint(options).QueueLimit));
    }

    [Fact]
    public void Problems_EveryApiWithARelativeHost_NamedByItsKey()
    {
        var options = new MarketDataOptions();
        foreach (var api in MarketVenues.Apis)
        {
            api.Endpoint(options).BaseUrl = new Uri("/api", UriKind.Relative);
        }

        var problems = options.Problems();

        Assert.Equal(MarketVenues.Apis.Select(a => $"MarginBot:MarketData:{a.Key}:BaseUrl must be an absolute http(s) URL."), problems);
    }
}
