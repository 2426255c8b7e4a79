using MarginBot.Conversations.Chat;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace MarginBot.Telegram;

/// <summary>
/// Runs updates through the <see cref="UpdateHandler"/>: one chat's updates in order, different
/// chats in parallel up to MaxParallelChats. Parallel chats mostly wait (for Telegram to take a
/// press's answer, for the disk): their decisions run one at a time on the storage thread, in shared
/// transactions (<see cref="IUnitOfWork.RunShared{T}"/>), so the
/// more chats wait together, the more decisions one wait for the disk covers. A failure of the store
/// (<see cref="StoreFailedException"/>) is not the update's: it is returned, not logged, and the
/// update is not confirmed (see <see cref="StoreOutage"/>). Poison (an update that
/// cannot be read, lacks what Telegram always sends, or whose handling throws) is logged once, on one
/// line with its id, kind and the start of its text, and skipped; the others go on. An
/// <see cref="OperationCanceledException"/> from a handler is contained like any other failure.
/// </summary>
internal sealed partial class UpdatePipeline(UpdateHandler handler, IOptions<TelegramOptions> options, ILogger<UpdatePipeline> log) : IDisposable
{
    private readonly SemaphoreSlim _parallel = new(options.Value.MaxParallelChats, options.Value.MaxParallelChats);
    private readonly Dictionary<long, ChatTurn> _chats = [];
    private readonly Lock _chatsGate = new();

    /// <summary>
    /// Handles a batch of readable updates from getUpdates (poison is the caller's to <see cref="Skip"/>);
    /// returns when every update of it was handled, skipped as poison, or stopped by the store; never
    /// throws. Which were handled before is looked up once for the batch; the new ones' decisions are
    /// handed to the storage thread together, in update order (so each chat's run in order, and the
    /// batch starts one shared transaction); then each chat, in parallel with the others, answers its
    /// presses and inline queries and releases its replies, in order. When the look-up fails for a
    /// reason of its own, each update goes alone, as a webhook's does.
    /// </summary>
    /// <returns>Null when the batch may be confirmed; the store's failure when it may not (try it again once the store works).</returns>
    public async Task<StoreFailedException?> HandleBatchAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return null;
        }

        IReadOnlyList<Update> fresh;
        try
        {
            fresh = handler.New(updates);
        }
        catch (StoreFailedException e)
        {
            return e;
        }
#pragma warning disable CA1031 // Each update is then looked up alone, and a failure logged with its update and chat.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBatchLookupFailed(UpdateReader.Reason(e), updates.Count);
            return await ChatsInParallelAsync(updates, update => HandleAsync(update, cancellationToken));
        }

        var decisions = handler.DecideAll(fresh);
        var decided = fresh.Select((update, i) => (Update: update, Decision: decisions[i])).ToDictionary(d => d.Update.Id, d => d.Decision);
        return await ChatsInParallelAsync(fresh, update => FinishAsync(update, decided[update.Id], cancellationToken));
    }

    /// <summary>
    /// Runs <paramref name="run"/> for each update: one chat's in order, different chats in parallel.
    /// A chat stops at its first update the store failed (the later ones wait for the retry, in order).
    /// </summary>
    private static async Task<StoreFailedException?> ChatsInParallelAsync(IEnumerable<Update> updates, Func<Update, Task<StoreFailedException?>> run)
    {
        var chats = await Task.WhenAll(updates.GroupBy(UpdateHandler.OrderKey).Select(chat => Task.Run(
            async () =>
            {
                foreach (var update in chat)
                {
                    if (await run(update) is { } failure)
                    {
                        return failure;
                    }
                }

                return null;
            },
            CancellationToken.None)));
        return chats.FirstOrDefault(failure => failure is not null);
    }

    /// <summary>Logs an update that cannot be handled (see <see cref="IncomingUpdate"/>) once; it is then confirmed with the others.</summary>
    public void Skip(IncomingUpdate poison)
    {
        ArgumentNullException.ThrowIfNull(poison);
        LogPoison(poison.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "without id", poison.Kind, poison.Problem ?? "unreadable", poison.Text ?? string.Empty);
    }

    /// <summary>
    /// Handles one update (a webhook's) after the earlier ones of its chat, unless it was handled before
    /// or is poison (logged and skipped); never throws.
    /// </summary>
    /// <returns>Null when the update may be confirmed; the store's failure when it may not.</returns>
    public Task<StoreFailedException?> HandleAsync(IncomingUpdate incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.Update is not { } update)
        {
            Skip(incoming);
            return Task.FromResult<StoreFailedException?>(null);
        }

        return HandleAsync(update, cancellationToken);
    }

    private async Task<StoreFailedException?> HandleAsync(Update update, CancellationToken cancellationToken)
    {
        var key = UpdateHandler.OrderKey(update);
        var chat = EnterChat(key);
        await chat.Gate.WaitAsync(CancellationToken.None);
        try
        {
            return await BoundedAsync(update, key, () => handler.HandleAsync(update, cancellationToken));
        }
        finally
        {
            LeaveChat(key, chat);
        }
    }

    /// <summary>Webhook updates' per-chat turns in memory: only chats with an update under way or waiting.</summary>
    internal int ChatsInMemory
    {
        get
        {
            lock (_chatsGate)
            {
                return _chats.Count;
            }
        }
    }

    /// <summary>The chat's turn, made when the chat has none; counted until <see cref="LeaveChat"/>, so an idle chat keeps nothing in memory.</summary>
    private ChatTurn EnterChat(long key)
    {
        lock (_chatsGate)
        {
            if (!_chats.TryGetValue(key, out var chat))
            {
                chat = new ChatTurn();
                _chats[key] = chat;
            }

            chat.Holders++;
            return chat;
        }
    }

    private void LeaveChat(long key, ChatTurn chat)
    {
        chat.Gate.Release();
        lock (_chatsGate)
        {
            if (--chat.Holders == 0)
            {
                _chats.Remove(key);
                chat.Gate.Dispose();
            }
        }
    }

    /// <summary>A batch's update after its decision was handed over: up to MaxParallelChats at once; never throws.</summary>
    private Task<StoreFailedException?> FinishAsync(Update update, Task<IReadOnlyList<Outbox.Queued>> decision, CancellationToken cancellationToken) =>
        BoundedAsync(update, UpdateHandler.OrderKey(update), () => handler.FinishAsync(update, decision, cancellationToken));

    /// <summary>
    /// Runs one update's work among at most MaxParallelChats; never throws. The store's failure is
    /// returned (the update may not be confirmed); any other exception is poison, logged and skipped.
    /// </summary>
    private async Task<StoreFailedException?> BoundedAsync(Update update, long chatId, Func<Task> work)
    {
        try
        {
            await _parallel.WaitAsync(CancellationToken.None);
            try
            {
                await work();
            }
            finally
            {
                _parallel.Release();
            }

            return null;
        }
        catch (StoreFailedException e)
        {
            return e;
        }
#pragma warning disable CA1031 // A bug in one update must not stop the others; it is logged with the update and chat.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Failed(update, chatId, e);
            return null;
        }
    }

    /// <summary>An update whose handling threw for a reason of its own: poison, logged on one line (no stack trace reaches the terminal) and skipped.</summary>
    private void Failed(Update update, long chatId, Exception e)
    {
        var (kind, text) = UpdateReader.Describe(update);
        LogFailed(update.Id, chatId, kind, UpdateReader.Reason(e), text);
    }

    public void Dispose()
    {
        _parallel.Dispose();
        lock (_chatsGate)
        {
            foreach (var chat in _chats.Values)
            {
                chat.Gate.Dispose();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} of chat {ChatId} failed ({Kind}: {Reason}; text «{Text}»); skipped, the next updates go on")]
    private partial void LogFailed(int updateId, long chatId, string kind, string reason, string text);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} ({Kind}) cannot be handled: {Problem}; text «{Text}»; skipped, the next updates go on")]
    private partial void LogPoison(string updateId, string kind, string problem, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking up which of {Count} updates were handled before failed ({Reason}); looking each up alone")]
    private partial void LogBatchLookupFailed(string reason, int count);

    /// <summary>One chat's webhook updates go one at a time; <see cref="Holders"/> counts those under way or waiting.</summary>
    private sealed class ChatTurn
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Holders { get; set; }
    }
}
