using System.Globalization;
using MarginBot.Conversations.Alerts;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Market;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Settings;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using MarginBot.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarginBot.Alerts;

/// <summary>Records an alert and queues it in the outbox in one LiteDB transaction: a restart neither repeats nor loses it.</summary>
internal sealed class OutboxAlertSender(LiteDbStorage storage, Outbox outbox) : IAlertSender
{
    public bool TrySend(long userId, string alertKey, DateOnly day, Reply reply)
    {
        // Private chat id = user id; the outbox applies Telegram's rate limits.
        var queued = storage.InTransaction(() =>
            ((IAlertStore)storage).TryRecordSent(userId, alertKey, day) ? outbox.Journal(userId, [reply]) : []);
        outbox.Release(queued);
        return queued.Count > 0;
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
        builder.Services.AddSingleton<IAlertSender, OutboxAlertSender>();
        builder.Services.AddSingleton(services => new AlertService(
            services.GetRequiredService<LiteDbStorage>(),
            services.GetRequiredService<LiteDbStorage>(),
            services.GetRequiredService<LiteDbStorage>(),
            services.GetRequiredService<TierCatalog>(),
            services.GetRequiredService<IMarketData>(),
            services.GetRequiredService<IAlertSender>(),
            services.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(seconds),
            services.GetService<ILogger<AlertService>>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertService>());
        return builder;
    }
}
