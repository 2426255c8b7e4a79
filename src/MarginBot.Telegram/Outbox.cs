using System.Collections.Concurrent;
using MarginBot.Conversations.Charts;
using MarginBot.Conversations.Chat;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace MarginBot.Telegram;

/// <summary>
/// Everything the bot sends to chats goes through here: one queue per chat, sent in order; chats in
/// parallel. Telegram's limits (per chat, per group, overall) are sliding windows that queue, never
/// drop (<see cref="SendPacer"/>). A 429 waits its retry_after in that chat's queue only; 5xx answers and network errors are
/// retried with backoff; a group that became a supergroup is followed to its new id. A reply that
/// finally fails is logged with its chat and the reason.
/// Every queued reply is kept in the database (<see cref="Journal"/>, in the transaction that decided
/// it) until Telegram accepted it or refused it for good, and whatever is still kept at start is sent
/// then: a crash loses no reply, at the price of sending again one that Telegram accepted in the
/// instant before the crash (at least once; Telegram has no idempotency key to do better).
/// </summary>
internal sealed partial class Outbox : IHostedService, IDisposable
{
    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    /// <summary>How often remembered last messages are checked for idle chats.</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly ITelegramBotClient _bot;
    private readonly IUnitOfWork _unitOfWork;
    private readonly IOutgoingJournal _replies;
    private readonly IChartRenderer? _charts;
    private readonly TimeProvider _time;
    private readonly ILogger<Outbox> _log;
    private readonly TelegramOptions _options;
    private readonly SendPacer _pacer;
    private readonly ConcurrentDictionary<long, Lane> _lanes = new();
    private readonly ConcurrentDictionary<long, long> _migrated = new();
    private readonly ConcurrentDictionary<long, (int MessageId, DateTimeOffset At)> _lastBotMessage = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly Lock _idleGate = new();
    private int _pending;
    private DateTimeOffset _lastSweep;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public Outbox(ITelegramBotClient bot, IUnitOfWork unitOfWork, IOutgoingJournal replies, IOptions<TelegramOptions> options, TimeProvider time, ILogger<Outbox> log, IEnumerable<IChartRenderer> charts)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bot = bot;
        _unitOfWork = unitOfWork;
        _replies = replies;
        _time = time;
        _log = log;
        _options = options.Value;
        _charts = charts.LastOrDefault();

        _pacer = new SendPacer(_options.Limits, time);
    }

    /// <summary>Keeps and queues replies for <paramref name="chatId"/>; <paramref name="pressedMessageId"/> is the message whose button was pressed, if any.</summary>
    public void Enqueue(long chatId, IReadOnlyList<Reply> replies, int? pressedMessageId = null) =>
        Release(_unitOfWork.Run(() => Journal(chatId, replies, pressedMessageId)));

    /// <summary>
    /// Keeps replies for <paramref name="chatId"/> in the database without sending them yet; call it
    /// inside the <see cref="IUnitOfWork.Run{T}"/> that stores what the replies confirm, and
    /// <see cref="Release"/> the result once that transaction committed.
    /// </summary>
    public IReadOnlyList<Queued> Journal(long chatId, IReadOnlyList<Reply> replies, int? pressedMessageId = null)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var items = new List<OutgoingReply>();
        if (pressedMessageId is { } pressed && replies.Count > 0 && !replies.Any(r => r.EditPrevious))
        {
            // The pressed keyboard is used up: take it off so an old button cannot be pressed twice.
            items.Add(new OutgoingReply(null, pressed));
        }

        foreach (var reply in replies)
        {
            items.Add(new OutgoingReply(reply, reply.EditPrevious ? pressedMessageId : null));
        }

        return [.. items.Select(item => new Queued(chatId, _replies.Keep(chatId, item), item))];
    }

    /// <summary>Sends replies kept by <see cref="Journal"/> (after their transaction committed).</summary>
    public void Release(IReadOnlyList<Queued> queued)
    {
        ArgumentNullException.ThrowIfNull(queued);
        foreach (var q in queued)
        {
            Add(q.ChatId, q);
        }
    }

    /// <summary>Completes when every queued message was sent or given up (for tests and shutdown).</summary>
    public Task WhenIdle()
    {
        lock (_idleGate)
        {
            return _idle.Task;
        }
    }

    /// <summary>Notes that a group became a supergroup, from a service message, before any send fails.</summary>
    public void Migrated(long from, long to)
    {
        _migrated[from] = to;
        LogMigrated(from, to);
    }

    /// <summary>Sends what the previous run kept and did not deliver (it stopped or crashed first), before any new update is handled.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var kept = _replies.Kept();
        if (kept.Count > 0)
        {
            LogResending(kept.Count);
            Release([.. kept.Select(k => new Queued(k.ChatId, k.Id, k.Outgoing))]);
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits for the queues to drain; what is still queued when the host gives up is logged as not sent.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WhenIdle().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abandon.CancelAsync();
        }
    }

    public void Dispose()
    {
        _abandon.Dispose();
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            idle.SetResult();
        }

        return idle;
    }

    private void Add(long chatId, Queued item)
    {
        lock (_idleGate)
        {
            if (++_pending == 1)
            {
                _idle = NewIdle(completed: false);
            }
        }

        while (true)
        {
            var lane = _lanes.GetOrAdd(chatId, id => new Lane(id));
            bool start;
            lock (lane)
            {
                if (lane.Retired)
                {
                    // Dropped as idle between the look-up and the lock: take the chat's new lane.
                    continue;
                }

                lane.Queue.Enqueue(item);
                start = !lane.Running;
                lane.Running = true;
            }

            if (start)
            {
                _ = Task.Run(() => DrainAsync(lane));
            }

            return;
        }
    }

    /// <summary>
    /// Sends a chat's queue in order; when it is empty, the lane is dropped (a chat's lane lives only
    /// while it has something to send), before the reply counts as done, so an idle outbox holds none.
    /// </summary>
    private async Task DrainAsync(Lane lane)
    {
        while (true)
        {
            Queued item;
            lock (lane)
            {
                if (!lane.Queue.TryDequeue(out item!))
                {
                    Retire(lane);
                    return;
                }
            }

            try
            {
                // Kept until delivered or refused for good; a reply the shutdown cut off stays for the next start.
                if (await SendWithRetriesAsync(lane.ChatId, item.Item))
                {
                    await ForgetAsync(item.JournalId);
                }
            }
            catch (StoreFailedException e)
            {
                LogNotForgotten(lane.ChatId, e.Message);
            }
#pragma warning disable CA1031 // One failed reply must not stop the chat's queue: it is logged with its chat and reason.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogGaveUp(lane.ChatId, e.Message);
            }
            finally
            {
                lock (lane)
                {
                    if (lane.Queue.Count == 0)
                    {
                        Retire(lane);
                    }
                }

                lock (_idleGate)
                {
                    if (--_pending == 0)
                    {
                        _idle.TrySetResult();
                    }
                }
            }

            if (lane.Retired)
            {
                return;
            }
        }
    }

    /// <summary>Drops an empty lane (call under its lock); a reply queued for the chat later makes a new one.</summary>
    private void Retire(Lane lane)
    {
        lane.Running = false;
        lane.Retired = true;
        _lanes.TryRemove(new KeyValuePair<long, Lane>(lane.ChatId, lane));
    }

    /// <summary>The chat's newest bot message (edited in place by the next step); chats idle longer than ForgetIdleChatsAfter are forgotten now and then.</summary>
    private void Remember(long chatId, int messageId)
    {
        var now = _time.GetUtcNow();
        _lastBotMessage[chatId] = (messageId, now);
        if (now - _lastSweep >= SweepEvery)
        {
            _lastSweep = now;
            ForgetIdle(now);
        }
    }

    /// <summary>
    /// Forgets the last bot message of every chat idle for longer than ForgetIdleChatsAfter, as of
    /// <paramref name="now"/>: memory then holds only recent chats, not every chat ever seen. A step
    /// that would have edited a forgotten message is sent as a new one. Returns how many were forgotten.
    /// </summary>
    internal int ForgetIdle(DateTimeOffset now)
    {
        var forgotten = 0;
        foreach (var (chatId, last) in _lastBotMessage)
        {
            if (now - last.At > _options.ForgetIdleChatsAfter && _lastBotMessage.TryRemove(new KeyValuePair<long, (int, DateTimeOffset)>(chatId, last)))
            {
                forgotten++;
            }
        }

        return forgotten;
    }

    /// <summary>Per-chat entries in memory: send lanes (only chats with something to send) and remembered last bot messages.</summary>
    internal (int Lanes, int LastMessages) ChatsInMemory => (_lanes.Count, _lastBotMessage.Count);

    /// <summary>
    /// Completes once the reply's removal from the journal is on disk. Removals share their
    /// transaction and wait for the disk with the updates being decided meanwhile
    /// (<see cref="IUnitOfWork.RunShared{T}"/>), with no lane blocking a thread on
    /// the storage lock. A chat's next reply still goes only after this one's removal is durable, so
    /// a crash repeats at most the reply in flight.
    /// </summary>
    private Task ForgetAsync(long journalId) => _replies.ForgetAsync(journalId);

    /// <summary>True when the reply is done with (delivered, or refused for good); false when the shutdown cut it off.</summary>
    private async Task<bool> SendWithRetriesAsync(long originalChat, OutgoingReply item)
    {
        var chatId = Resolve(originalChat);
        var attempt = 0;
        var waits = 0;
        var stop = _abandon.Token;
        while (true)
        {
            if (stop.IsCancellationRequested)
            {
                LogGaveUp(chatId, "the bot shut down before it could be sent; it is kept for the next start");
                return false;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var to = chatId;
            string reason;
            try
            {
                // The send timeout starts when the pacer lets the call go, not while it waits its turn.
                await _pacer.SendAsync(
                    to,
                    () =>
                    {
                        timeout.CancelAfter(TimeSpan.FromSeconds(_options.SendTimeoutSeconds));
                        return DeliverAsync(to, item, timeout.Token);
                    },
                    stop);
                return true;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429)
            {
                if (++waits > _options.Retry.MaxRateLimitWaits)
                {
                    LogGaveUp(chatId, $"still rate-limited after {waits - 1} waits: {e.Message}");
                    return true;
                }

                var retryAfter = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
                LogRateLimited(chatId, retryAfter.TotalSeconds);
                await Task.Delay(retryAfter, _time, stop);
                continue;
            }
            catch (ApiRequestException e) when (e.Parameters?.MigrateToChatId is { } newChat)
            {
                Migrated(chatId, newChat);
                chatId = newChat;
                continue;
            }
            catch (ApiRequestException e) when (e.ErrorCode >= 500)
            {
                reason = $"{e.ErrorCode} {e.Message}";
            }
            catch (ApiRequestException e)
            {
                // 400 (bad request), 403 (blocked, kicked): sending again would fail the same way.
                LogGaveUp(chatId, $"{e.ErrorCode} {e.Message}");
                return true;
            }
            catch (RequestException e)
            {
                reason = e.InnerException is null ? e.Message : $"{e.Message} ({e.InnerException.Message})";
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                reason = $"no answer within {_options.SendTimeoutSeconds} s";
            }

            if (++attempt >= _options.Retry.Attempts)
            {
                LogGaveUp(chatId, $"{reason}, after {attempt} tries");
                return true;
            }

            var delay = TimeSpan.FromTicks(Math.Min(_options.Retry.MaxDelay.Ticks, _options.Retry.FirstDelay.Ticks << Math.Min(attempt - 1, 20)));
            LogRetrying(chatId, reason, delay.TotalSeconds);
            await Task.Delay(delay, _time, stop);
        }
    }

    private long Resolve(long chatId)
    {
        while (_migrated.TryGetValue(chatId, out var next) && next != chatId)
        {
            chatId = next;
        }

        return chatId;
    }

    private async Task DeliverAsync(long chatId, OutgoingReply item, CancellationToken cancellationToken)
    {
        if (item.Reply is not { } reply)
        {
            await RemoveButtonsAsync(chatId, item.EditMessageId!.Value, cancellationToken);
            return;
        }

        var markup = TelegramReplies.Markup(reply);
        if (reply.Chart is { } chart && _charts is not null)
        {
            await SendChartAsync(chatId, reply, chart, cancellationToken);
            return;
        }

        var target = item.EditMessageId ?? (reply.EditPrevious && _lastBotMessage.TryGetValue(chatId, out var last) ? last.MessageId : null);
        if (reply.EditPrevious && target is { } messageId)
        {
            try
            {
                await _bot.EditMessageText(chatId, messageId, reply.Html, parseMode: ParseMode.Html, replyMarkup: markup, linkPreviewOptions: NoPreview, cancellationToken: cancellationToken);
                Remember(chatId, messageId);
                return;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 400 && e.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 400 && (e.Message.Contains("message to edit not found", StringComparison.OrdinalIgnoreCase)
                                                                        || e.Message.Contains("message can't be edited", StringComparison.OrdinalIgnoreCase)
                                                                        || e.Message.Contains("no text in the message", StringComparison.OrdinalIgnoreCase)))
            {
                LogEditFallback(chatId, messageId);
            }
        }

        var sent = await _bot.SendMessage(chatId, reply.Html, parseMode: ParseMode.Html, replyMarkup: markup, linkPreviewOptions: NoPreview, cancellationToken: cancellationToken);
        Remember(chatId, sent.Id);
    }

    private async Task SendChartAsync(long chatId, Reply reply, ChartSpec chart, CancellationToken cancellationToken)
    {
        var png = _charts!.RenderPng(chart);
        var markup = TelegramReplies.Markup(reply);
        using var stream = new MemoryStream(png, writable: false);
        var photo = InputFile.FromStream(stream, chart.Name + ".png");
        if (reply.Html.Length <= TelegramReplies.MaxCaption)
        {
            var sent = await _bot.SendPhoto(chatId, photo, caption: reply.Html, parseMode: ParseMode.Html, replyMarkup: markup, cancellationToken: cancellationToken);
            Remember(chatId, sent.Id);
            return;
        }

        // A caption holds 1024 characters: the text goes first with its buttons, the picture after it.
        var text = await _bot.SendMessage(chatId, reply.Html, parseMode: ParseMode.Html, replyMarkup: markup, linkPreviewOptions: NoPreview, cancellationToken: cancellationToken);
        Remember(chatId, text.Id);
        await _bot.SendPhoto(chatId, photo, cancellationToken: cancellationToken);
    }

    private async Task RemoveButtonsAsync(long chatId, int messageId, CancellationToken cancellationToken)
    {
        try
        {
            await _bot.EditMessageReplyMarkup(chatId, messageId, replyMarkup: null, cancellationToken: cancellationToken);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            // Not modified, too old or deleted: the buttons are gone or cannot be touched; nothing to do.
            LogButtonsKept(chatId, messageId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A reply to chat {ChatId} was not delivered: {Reason}")]
    private partial void LogGaveUp(long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A reply to chat {ChatId} was sent, but the database could not forget it ({Reason}): the next start may send it again")]
    private partial void LogNotForgotten(long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {ChatId} is rate-limited by Telegram: waiting {Seconds} s before sending again")]
    private partial void LogRateLimited(long chatId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to chat {ChatId} failed ({Reason}); trying again in {Seconds} s")]
    private partial void LogRetrying(long chatId, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {From} became supergroup {To}: replies follow it")]
    private partial void LogMigrated(long from, long to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} in chat {ChatId} cannot be edited any more: sending the step as a new message")]
    private partial void LogEditFallback(long chatId, int messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Buttons of message {MessageId} in chat {ChatId} left as they are: {Reason}")]
    private partial void LogButtonsKept(long chatId, int messageId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} replies kept by the previous run were not delivered: sending them now")]
    private partial void LogResending(int count);

    /// <summary>A reply kept in the journal under <paramref name="JournalId"/>, for <paramref name="ChatId"/>.</summary>
    internal sealed record Queued(long ChatId, long JournalId, OutgoingReply Item);

    private sealed class Lane(long chatId)
    {
        public long ChatId { get; } = chatId;

        public Queue<Queued> Queue { get; } = new();

        public bool Running { get; set; }

        /// <summary>Dropped from the outbox's lanes; a new one serves the chat.</summary>
        public bool Retired { get; set; }
    }
}
