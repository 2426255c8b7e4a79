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
        var me = await GetMeAsync(cancellationToken);
        var username = me.Username ?? throw new BotStartupException("Telegram answered getMe without a username: is the token a bot's?");
        engine.Start(username);
        LogConnected(username, me.Id);

        await SetCommandsAsync(ChatKind.Private, BotCommandScope.AllPrivateChats(), cancellationToken);
        await SetCommandsAsync(ChatKind.Group, BotCommandScope.AllGroupChats(), cancellationToken);

        var o = options.Value;
        if (o.IsWebhook)
        {
            await bot.SetWebhook(
                o.Webhook.Url!,
                maxConnections: o.Webhook.MaxConnections,
                allowedUpdates: UpdateHandler.AllowedUpdates,
                dropPendingUpdates: false,
                secretToken: o.Webhook.SecretToken,
                cancellationToken: cancellationToken);
            LogWebhookSet(o.Webhook.Url!);
        }
        else
        {
            // A webhook left from an earlier run would make every getUpdates fail with 409 Conflict.
            await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<User> GetMeAsync(CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await bot.GetMe(cancellationToken);
            }
            catch (ApiRequestException e) when (e.ErrorCode is 401 or 404)
            {
                throw new BotStartupException($"Telegram refused the token ({e.ErrorCode} {e.Message}): check MarginBot:Telegram:Token", e);
            }
            catch (RequestException e)
            {
                // Network down or Telegram briefly unavailable at boot: wait and ask again until stopped.
                LogGetMeFailed(e.Message, wait.TotalSeconds);
                await Task.Delay(wait, time, cancellationToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private async Task SetCommandsAsync(ChatKind kind, BotCommandScope scope, CancellationToken cancellationToken)
    {
        var commands = Dispatcher.CommandMenu(kind).Select(c => new BotCommand(c.Command, c.Description));
        try
        {
            await bot.SetMyCommands(commands, scope: scope, cancellationToken: cancellationToken);
        }
        catch (RequestException e)
        {
            // The menu is a convenience: typed commands work without it.
            LogCommandsNotSet(kind, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to Telegram as @{Username} (id {BotId})")]
    private partial void LogConnected(string username, long botId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "getMe failed ({Reason}); asking again in {Seconds} s")]
    private partial void LogGetMeFailed(string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Kind} command menu was not set: {Reason}")]
    private partial void LogCommandsNotSet(ChatKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook set to {Url}")]
    private partial void LogWebhookSet(string url);
}
