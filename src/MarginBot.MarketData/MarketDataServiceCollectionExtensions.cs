using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;
using MarginBot.MarketData.Exchanges;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarginBot.MarketData;

/// <summary>Registers live market data for the host.</summary>
public static class MarketDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMarketData"/> (a singleton) from the <c>MarginBot:MarketData</c> section of
    /// <paramref name="configuration"/>, one named <see cref="HttpClient"/> per exchange, and
    /// <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is already registered.
    /// With <c>Enabled: false</c> the port answers "not available" without any request.
    /// </summary>
    /// <exception cref="OptionsValidationException">On first resolution, when the options are unusable.</exception>
    public static IServiceCollection AddMarginBotMarketData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MarketDataOptions>().Bind(configuration.GetSection(MarketDataOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        foreach (var api in MarketVenues.Apis)
        {
            services.AddHttpClient(ClientNameOf(api.Key), (provider, client) =>
            {
                client.BaseAddress = api.Endpoint(provider.GetRequiredService<IOptions<MarketDataOptions>>().Value).BaseUrl;
                client.Timeout = Timeout.InfiniteTimeSpan; // MarketDataOptions' timeouts govern.
                client.DefaultRequestHeaders.UserAgent.ParseAdd("MarginBot/1.0");
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            });
        }

        services.TryAddSingleton<IMarketData>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<MarketDataOptions>>().Value;
            var problems = options.Problems();
            if (problems.Count > 0)
            {
                throw new OptionsValidationException(MarketDataOptions.SectionName, typeof(MarketDataOptions), problems);
            }

            return options.Enabled
                ? new MarketDataService(
                    provider.GetRequiredService<IHttpClientFactory>(),
                    options,
                    provider.GetRequiredService<TimeProvider>(),
                    provider.GetService<ILogger<MarketDataService>>())
                : new OfflineMarketData();
        });
        return services;
    }

    /// <summary>The name of the <see cref="HttpClient"/> of Binance COIN-M futures.</summary>
    public const string CoinMClientName = "MarginBot.MarketData.BinanceCoinM";

    /// <summary>The name of the <see cref="HttpClient"/> used for <paramref name="exchange"/>'s main API.</summary>
    public static string ClientName(ExchangeId exchange) => ClientNameOf(exchange.ToString());

    /// <summary>The name of the <see cref="HttpClient"/> of the API whose configuration key is <paramref name="key"/>.</summary>
    internal static string ClientNameOf(string key) => "MarginBot.MarketData." + key;
}
