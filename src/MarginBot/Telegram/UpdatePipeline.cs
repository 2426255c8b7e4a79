using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace MarginBot.Telegram;

/// <summary>
/// Runs updates through the <see cref="UpdateHandler"/>: one chat's updates in order, different
/// chats in parallel up to MaxParallelChats. Parallel chats mostly wait (for Telegram to take a
/// press's answer, for the disk): their decisions run one at a time on the storage thread, in shared
/// transactions (<see cref="MarginBot.Storage.LiteDbStorage.InSharedTransactionAsync{T}"/>), so the
/// more chats wait together, the more decisions one wait for the disk covers. A failing update is
/// logged and the others go on; an <see cref="OperationCanceledException"/> from a handler is
/// contained like any other failure.
/// </summary>
internal sealed partial class UpdatePipeline(UpdateHandler handler, IOptions<TelegramOptions> options, ILogger<UpdatePipeline> log) : IDisposable
{
    private readonly SemaphoreSlim _parallel = new(options.Value.MaxParallelChats, options.Value.MaxParallelChats);
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _chats = new();

    /// <summary>
    /// Handles a batch from getUpdates; returns when every update of it was handled. Which were
    /// handled before is looked up once for the batch (when that fails, each update is looked up
    /// on its own and fails or not alone).
    /// </summary>
    public Task HandleBatchAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        IReadOnlyList<Update> fresh;
        var known = true;
        try
        {
            fresh = handler.New(updates);
        }
#pragma warning disable CA1031 // Each update is then looked up alone, and a failure logged with its update and chat.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBatchLookupFailed(e, updates.Count);
            (fresh, known) = (updates, false);
        }

        var byChat = fresh.GroupBy(UpdateHandler.OrderKey);
        return Task.WhenAll(byChat.Select(chat => Task.Run(
            async () =>
            {
                foreach (var update in chat)
                {
                    await RunAsync(update, known, cancellationToken);
                }
            },
            CancellationToken.None)));
    }

    /// <summary>Handles one update (a webhook's) after the earlier ones of its chat, unless it was handled before; never throws.</summary>
    public Task HandleAsync(Update update, CancellationToken cancellationToken) => RunAsync(update, known: false, cancellationToken);

    /// <summary>One update after the earlier ones of its chat; <paramref name="known"/>: already looked up and new. Never throws.</summary>
    private async Task RunAsync(Update update, bool known, CancellationToken cancellationToken)
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
                await (known ? handler.HandleNewAsync(update, cancellationToken) : handler.HandleAsync(update, cancellationToken));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking up which of {Count} updates were handled before failed; looking each up alone")]
    private partial void LogBatchLookupFailed(Exception exception, int count);
}
