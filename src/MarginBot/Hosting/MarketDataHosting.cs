using MarginBot.Conversations.Market;
using MarginBot.MarketData;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarginBot.Hosting;

/// <summary>
/// Live market data (MarginBot:MarketData, Enabled by default) for the Telegram host, the console chat
/// and the CLI. Off, or never registered (tests), the dispatcher gets <see cref="OfflineMarketData"/>.
/// </summary>
internal static class MarketDataHosting
{
    /// <summary>Registers <see cref="IMarketData"/>; call before <c>AddConversationEngine</c>, which falls back to offline data.</summary>
    public static IHostApplicationBuilder AddMarketData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMarginBotMarketData(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The market data of a process without a host (console chat, CLI): a small service provider that
    /// owns the HTTP clients; dispose it when done.
    /// </summary>
    public static ServiceProvider Standalone(IConfiguration configuration, bool offline = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var services = new ServiceCollection();
        if (offline)
        {
            services.AddSingleton<IMarketData, OfflineMarketData>();
        }
        else
        {
            services.AddMarginBotMarketData(configuration);
        }

        return services.BuildServiceProvider();
    }
}
