using MarginBot.Conversations.Market;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.MarketData.Tests;

/// <summary>
/// The real registration (<see cref="MarketDataServiceCollectionExtensions.AddMarginBotMarketData"/>)
/// pointed at a <see cref="FakeExchangeServer"/>, with a <see cref="FakeTimeProvider"/> as the clock and
/// generous timeouts (tests share two cores with builds): tests of slow answers set short ones.
/// </summary>
internal sealed class MarketDataHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 5, 12, 8, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    private MarketDataHarness(FakeExchangeServer server, FakeTimeProvider clock, ServiceProvider provider)
    {
        Server = server;
        Clock = clock;
        _provider = provider;
        Market = provider.GetRequiredService<IMarketData>();
    }

    public FakeExchangeServer Server { get; }

    public FakeTimeProvider Clock { get; }

    public IMarketData Market { get; }

    public static async Task<MarketDataHarness> StartAsync(IDictionary<string, string?>? settings = null, Uri? baseUrl = null)
    {
        var server = await FakeExchangeServer.StartAsync();
        var url = (baseUrl ?? server.BaseUrl).ToString();
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["MarginBot:MarketData:Binance:BaseUrl"] = url,
            ["MarginBot:MarketData:BinanceCoinM:BaseUrl"] = url,
            ["MarginBot:MarketData:Bybit:BaseUrl"] = url,
            ["MarginBot:MarketData:Okx:BaseUrl"] = url,
            ["MarginBot:MarketData:AttemptTimeout"] = "00:00:05",
            ["MarginBot:MarketData:TotalTimeout"] = "00:00:20",
            ["MarginBot:MarketData:RetryBaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var clock = new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddMarginBotMarketData(configuration);
        return new MarketDataHarness(server, clock, services.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Server.DisposeAsync();
    }
}
