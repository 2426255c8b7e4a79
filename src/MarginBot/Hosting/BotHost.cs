using MarginBot.Charts;
using MarginBot.Chat;
using MarginBot.Conversations.Charts;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Market;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using MarginBot.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarginBot.Hosting;

/// <summary>The Generic Host of the Telegram bot, one concern per method; Program.cs lists them in order.</summary>
internal static class BotHost
{
    /// <summary>
    /// A plain Generic Host for polling; an ASP.NET Core host in webhook mode, which needs a web
    /// server. Either way only <paramref name="configuration"/> is read (no default sources).
    /// </summary>
    public static IHostApplicationBuilder CreateBuilder(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = Directory.GetCurrentDirectory();
        IHostApplicationBuilder builder = string.Equals(configuration[TelegramOptions.Section + ":Mode"], TelegramOptions.WebhookMode, StringComparison.OrdinalIgnoreCase)
            ? WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = root })
            : Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root });
        ((IConfigurationBuilder)builder.Configuration).Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        return builder;
    }

    /// <summary>One line per event on the console, UTC time stamps. Telegram's HttpClient logs nothing (see AddTelegramClient).</summary>
    public static IHostApplicationBuilder AddBotLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
        });

        // A host that cannot start is reported by RunBotAsync as one line, not as the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        return builder;
    }

    /// <summary>The one LiteDB file of the process (MarginBot:Storage:Path), closed when the host stops.</summary>
    public static IHostApplicationBuilder AddConversationStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = AppSettings.From(builder.Configuration);
        builder.Services.AddSingleton(_ =>
        {
            try
            {
                return LiteDbStorage.Open(settings.StoragePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BotStartupException($"cannot open the database {Path.GetFullPath(settings.StoragePath)} (MarginBot:Storage:Path): {e.Message}", e);
            }
        });
        builder.Services.AddSingleton(services => services.GetRequiredService<LiteDbStorage>().AsStores());
        builder.Services.AddSingleton<IProcessedMessages>(services => services.GetRequiredService<LiteDbStorage>());
        builder.Services.AddSingleton<IOutgoingJournal>(services => services.GetRequiredService<LiteDbStorage>());
        builder.Services.AddSingleton<IHandledUpdates>(services => services.GetRequiredService<LiteDbStorage>());
        builder.Services.AddSingleton<IUnitOfWork>(services => services.GetRequiredService<LiteDbStorage>());
        return builder;
    }

    /// <summary>The dispatcher's parts: tier tables, clock, options (MarginBot:Sessions, …) and the chart renderer.</summary>
    public static IHostApplicationBuilder AddConversationEngine(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = AppSettings.From(builder.Configuration);
        builder.Services.AddSingleton(_ => TierCatalog.LoadBundled());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(settings.Conversation);
        builder.Services.TryAddSingleton<IChartRenderer, ScottPlotChartRenderer>();
        builder.Services.TryAddSingleton<IMarketData, OfflineMarketData>();
        return builder;
    }

    /// <summary>Builds the host; in webhook mode with its endpoint, listening where MarginBot:Telegram:Webhook:Listen says.</summary>
    public static IHost BuildBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.UseUrls(web.Configuration[TelegramOptions.Section + ":Webhook:Listen"] ?? new WebhookOptions().Listen);
            var app = web.Build();
            app.MapTelegramWebhook();
            return app;
        }

        return ((HostApplicationBuilder)builder).Build();
    }

    /// <summary>
    /// Runs until Ctrl+C or SIGTERM. Exit codes: 0 stopped, 1 Telegram refused the bot, 2 a setting is
    /// wrong (one line on standard error names the key), 3 the database failed for longer than
    /// MarginBot:Telegram:StoreFailureLimit (one line on standard error).
    /// </summary>
    public static async Task<int> RunBotAsync(this IHost host, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(error);
        using (host)
        {
            try
            {
                await host.RunAsync();
                if (host.Services.GetService<BotExit>() is { Code: { } code, Line: { } line })
                {
                    await error.WriteLineAsync("error: " + line);
                    return code;
                }

                return Environment.ExitCode;
            }
            catch (OptionsValidationException e)
            {
                await error.WriteLineAsync("error: " + string.Join("; ", e.Failures));
                return 2;
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
            {
                await error.WriteLineAsync("error: " + e.Message);
                return 2;
            }
            catch (BotStartupException e)
            {
                await error.WriteLineAsync("error: " + e.Message);
                return 1;
            }
            catch (OperationCanceledException)
            {
                // Stopped (Ctrl+C, SIGTERM) while still waiting for Telegram at start: nothing was received yet.
                return 0;
            }
        }
    }
}
