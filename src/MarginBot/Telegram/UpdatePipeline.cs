using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace MarginBot.Telegram;

/// <summary>
/// Runs updates through the <see cref="UpdateHandler"/>: one chat's updates in order, different
/// chats in parallel up to MaxParallelChats. A failing update is logged and the others go on; an
/// <see cref="OperationCanceledException"/> from a handler is contained like any other failure.
/// </summary>
internal sealed partial class UpdatePipeline(UpdateHandler handler, IOptions<TelegramOptions> options, ILogger<UpdatePipeline> log) : IDisposable
{
    private readonly SemaphoreSlim _parallel = new(options.Value.MaxParallelChats, options.Value.MaxParallelChats);
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _chats = new();

    /// <summary>Handles a batch from getUpdates; returns when every update of it was handled.</summary>
    public Task HandleBatchAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var byChat = updates.GroupBy(UpdateHandler.OrderKey);
        return Task.WhenAll(byChat.Select(chat => Task.Run(
            async () =>
            {
                foreach (var update in chat)
                {
                    await HandleAsync(update, cancellationToken);
                }
            },
            CancellationToken.None)));
    }

    /// <summary>Handles one update after the earlier ones of its chat; never throws.</summary>
    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var key = UpdateHandler.OrderKey(update);
        var chat = _chats.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await chat.WaitAsync(CancellationToken.None);
        try
        {
            await _parallel.WaitAsync(CancellationToken.None);
            try
            {
                await handler.HandleAsync(update, cancellationToken);
            }
            finally
            {
                _parallel.Release();
            }
        }
#pragma warning disable CA1031 // A bug in one update must not stop the others; it is logged with the update and chat.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(e, update.Id, key);
        }
        finally
        {
            chat.Release();
        }
    }

    public void Dispose()
    {
        _parallel.Dispose();
        foreach (var chat in _chats.Values)
        {
            chat.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} of chat {ChatId} failed; the next updates go on")]
    private partial void LogFailed(Exception exception, int updateId, long chatId);
}
