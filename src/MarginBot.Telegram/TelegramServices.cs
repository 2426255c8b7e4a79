using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace MarginBot.Telegram;

/// <summary>The Telegram adapter's parts, registered one concern at a time (see Program.cs).</summary>
internal static class TelegramServices
{
    public const string HttpClientName = "telegram";

    /// <summary>The options, validated when the host starts.</summary>
    public static IHostApplicationBuilder AddTelegramOptions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        return builder;
    }

    /// <summary>
    /// One <see cref="TelegramBotClient"/> over a factory HttpClient whose request logging is off: the
    /// default logging prints request URLs, and Telegram's URLs carry the bot token.
    /// </summary>
    public static IHostApplicationBuilder AddTelegramClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpClient(HttpClientName)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton<ITelegramBotClient>(services =>
        {
            var o = services.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);

            // The long poll must end well before the HTTP timeout; sends carry their own shorter timeout.
            http.Timeout = TimeSpan.FromSeconds(o.PollTimeoutSeconds + 15);
            var clientOptions = new TelegramBotClientOptions(o.Token!, string.IsNullOrWhiteSpace(o.BaseUrl) ? null : o.BaseUrl)
            {
                RetryThreshold = o.ClientRetryThresholdSeconds,
            };
            return new TelegramBotClient(clientOptions, http);
        });
        return builder;
    }

    /// <summary>Updates in: translation to the dispatcher, ordering per chat, parallel chats.</summary>
    public static IHostApplicationBuilder AddTelegramUpdates(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ConversationEngine>();
        builder.Services.AddSingleton<UpdateHandler>();
        builder.Services.AddSingleton<UpdatePipeline>();
        builder.Services.AddSingleton<UpdateFetcher>();
        builder.Services.AddSingleton<StoreOutage>();
        builder.Services.AddSingleton<BotExit>();
        builder.Services.AddHostedService<BotStartup>();
        return builder;
    }

    /// <summary>Replies out: the rate-limited, retrying outbox, drained at shutdown.</summary>
    public static IHostApplicationBuilder AddTelegramSending(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<Outbox>();

        // Registered after BotStartup and before polling: stopped after polling ended, so it sends what the last updates queued.
        builder.Services.AddHostedService(services => services.GetRequiredService<Outbox>());
        return builder;
    }

    /// <summary>Long polling, unless the configuration asks for the webhook (see <see cref="WebhookEndpoint"/>).</summary>
    public static IHostApplicationBuilder AddTelegramReceiving(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsWebhook(builder))
        {
            builder.Services.AddHostedService<PollingService>();
        }

        return builder;
    }

    public static bool IsWebhook(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return string.Equals(builder.Configuration[TelegramOptions.Section + ":Mode"], TelegramOptions.WebhookMode, StringComparison.OrdinalIgnoreCase);
    }
}
