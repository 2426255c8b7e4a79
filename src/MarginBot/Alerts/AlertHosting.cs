using System.Globalization;
using MarginBot.Conversations.Alerts;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Market;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Settings;
using MarginBot.Engine.Tiers;
using MarginBot.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarginBot.Alerts;

/// <summary>
/// Records each alert and queues it in the outbox in the same unit of work: a restart neither
/// repeats nor loses it. A pass's alerts are stored a chunk per transaction (each commit waits for the
/// disk), and released to the outbox once their chunk committed. It sees the store only through its
/// ports (the unit of work, the alert record).
/// </summary>
internal sealed class OutboxAlertSender(IUnitOfWork unitOfWork, IAlertStore sentAlerts, Outbox outbox) : IAlertSender
{
    // Large enough to spread the commit's disk wait, small enough not to hold chats waiting on the file for long.
    private const int ChunkSize = 256;

    public int SendNew(IReadOnlyList<(long UserId, PendingAlert Alert)> alerts, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var sent = 0;
        foreach (var chunk in alerts.Chunk(ChunkSize))
        {
            var (queued, count) = unitOfWork.Run(() =>
            {
                // Private chat id = user id; the outbox applies Telegram's rate limits.
                var journaled = new List<Outbox.Queued>();
                var recorded = 0;
                foreach (var (userId, alert) in chunk)
                {
                    if (sentAlerts.TryRecordSent(userId, alert.Key, day))
                    {
                        journaled.AddRange(outbox.Journal(userId, [alert.Reply]));
                        recorded++;
                    }
                }

                return (journaled, recorded);
            });
            outbox.Release(queued);
            sent += count;
        }

        return sent;
    }
}

/// <summary>Registers the alert pass (MarginBot:Alerts:IntervalSeconds, default 10); needs the Telegram sending.</summary>
internal static class AlertHosting
{
    public const string IntervalKey = "MarginBot:Alerts:IntervalSeconds";

    public static IHostApplicationBuilder AddLiquidationAlerts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var seconds = int.TryParse(builder.Configuration[IntervalKey], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 10;
        builder.Services.AddSingleton<IAlertSender>(services => new OutboxAlertSender(
            services.GetRequiredService<IUnitOfWork>(),
            AlertStore(services),
            services.GetRequiredService<Outbox>()));
        builder.Services.AddSingleton(services => new AlertService(
            AlertStore(services),
            services.GetRequiredService<ConversationStores>().Books,
            services.GetRequiredService<ConversationStores>().Users,
            services.GetRequiredService<TierCatalog>(),
            services.GetRequiredService<IMarketData>(),
            services.GetRequiredService<IAlertSender>(),
            services.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(seconds),
            services.GetService<ILogger<AlertService>>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertService>());
        return builder;
    }

    private static IAlertStore AlertStore(IServiceProvider services) =>
        services.GetRequiredService<ConversationStores>().Alerts
        ?? throw new InvalidOperationException("The alerts need a store that keeps alerts (ConversationStores.Alerts).");
}
