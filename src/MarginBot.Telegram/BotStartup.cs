using MarginBot.Conversations.Chat;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace MarginBot.Telegram;

/// <summary>Raised at start when Telegram refuses the bot; the host prints its message as one line.</summary>
internal sealed class BotStartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs before updates are received: getMe (whose username the dispatcher needs for
/// <c>/cmd@Bot</c>), the command menus for private chats and groups, and the webhook set or removed.
/// </summary>
internal sealed partial class BotStartup(
    ITelegramBotClient bot,
    ConversationEngine engine,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<BotStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // One budget for every start-up call: a supervisor restarting the process beats waiting forever silently.
        var giveUp = time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.StartupTimeoutSeconds);
        var me = await CallAsync("getMe", giveUp, ct => bot.GetMe(ct), cancellationToken);
        var username = me.Username ?? throw new BotStartupException("Telegram answered getMe without a username: is the token a bot's?");
        engine.Start(username);
        LogConnected(username, me.Id);

        await SetCommandsAsync(ChatKind.Private, BotCommandScope.AllPrivateChats(), giveUp, cancellationToken);
        await SetCommandsAsync(ChatKind.Group, BotCommandScope.AllGroupChats(), giveUp, cancellationToken);

        var o = options.Value;
        if (o.IsWebhook)
        {
            await CallAsync(
                "setWebhook",
                giveUp,
                async ct =>
                {
                    await bot.SetWebhook(o.Webhook.Url!, maxConnections: o.Webhook.MaxConnections, allowedUpdates: UpdateHandler.AllowedUpdates, dropPendingUpdates: false, secretToken: o.Webhook.SecretToken, cancellationToken: ct);
                    return true;
                },
                cancellationToken);
            LogWebhookSet(o.Webhook.Url!);
        }
        else
        {
            // A webhook left from an earlier run would make every getUpdates fail with 409 Conflict.
            await CallAsync(
                "deleteWebhook",
                giveUp,
                async ct =>
                {
                    await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct);
                    return true;
                },
                cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// One start-up call, asked again after a 429 (its retry_after), a 5xx, a network error or no answer
    /// within the send timeout, with backoff, until <paramref name="giveUp"/>; then one line and exit.
    /// 401 and 404 (the token) and other refusals are not asked again.
    /// </summary>
    private async Task<T> CallAsync<T>(string method, DateTimeOffset giveUp, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            string reason;
            TimeSpan wait;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.SendTimeoutSeconds));
            try
            {
                return await call(timeout.Token);
            }
            catch (ApiRequestException e) when (e.ErrorCode is 401 or 404)
            {
                throw new BotStartupException($"Telegram refused the token ({e.ErrorCode} {e.Message}): check MarginBot:Telegram:Token", e);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429)
            {
                reason = $"{e.ErrorCode} {e.Message}";
                wait = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
            }
            catch (ApiRequestException e) when (e.ErrorCode < 500)
            {
                throw new BotStartupException($"Telegram refused {method} ({e.ErrorCode} {e.Message})", e);
            }
            catch (RequestException e)
            {
                reason = e is ApiRequestException api ? $"{api.ErrorCode} {api.Message}" : e.Message;
                wait = backoff;
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                reason = $"no answer within {options.Value.SendTimeoutSeconds} s";
                wait = backoff;
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }

            if (time.GetUtcNow() + wait >= giveUp)
            {
                var where = string.IsNullOrWhiteSpace(options.Value.BaseUrl) ? "https://api.telegram.org" : options.Value.BaseUrl;
                throw new BotStartupException($"cannot reach the Bot API at {where}: no answer to {method} within {options.Value.StartupTimeoutSeconds} s ({reason}): check the network and {TelegramOptions.Section}:BaseUrl, or raise {TelegramOptions.Section}:StartupTimeoutSeconds");
            }

            LogCallFailed(method, reason, wait.TotalSeconds);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private async Task SetCommandsAsync(ChatKind kind, BotCommandScope scope, DateTimeOffset giveUp, CancellationToken cancellationToken)
    {
        var commands = Dispatcher.CommandMenu(kind).Select(c => new BotCommand(c.Command, c.Description)).ToList();
        try
        {
            await CallAsync(
                "setMyCommands",
                giveUp,
                async ct =>
                {
                    await bot.SetMyCommands(commands, scope: scope, cancellationToken: ct);
                    return true;
                },
                cancellationToken);
        }
        catch (BotStartupException e) when (e.InnerException is ApiRequestException { ErrorCode: not (401 or 404) and < 500 and not 429 } refused)
        {
            // The menu is a convenience: typed commands work without it, so a refusal (not the token) is a warning.
            LogCommandsNotSet(kind, $"{refused.ErrorCode} {refused.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to Telegram as @{Username} (id {BotId})")]
    private partial void LogConnected(string username, long botId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} failed at start ({Reason}); asking again in {Seconds} s")]
    private partial void LogCallFailed(string method, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Kind} command menu was not set: {Reason}")]
    private partial void LogCommandsNotSet(ChatKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook set to {Url}")]
    private partial void LogWebhookSet(string url);
}
