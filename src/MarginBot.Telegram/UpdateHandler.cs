using MarginBot.Conversations.Chat;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.InlineQueryResults;

namespace MarginBot.Telegram;

/// <summary>
/// One update, start to end: skipped when its id was handled before (also across restarts), turned
/// into an <see cref="InboundMessage"/>, answered by the dispatcher, and the replies queued in the
/// outbox. Button presses are acknowledged first, always. No wording and no decisions here.
/// What the dispatcher stores for an update, the replies it decided and the update's handled mark
/// are in one transaction (with the other chats' updates decided at the same time): a crash keeps
/// all of them or none (the update then comes again and is handled afresh), so a confirmed change is
/// never lost nor applied twice, and its reply is sent.
/// </summary>
internal sealed partial class UpdateHandler(
    ITelegramBotClient bot,
    ConversationEngine engine,
    Outbox outbox,
    IHandledUpdates handled,
    IUnitOfWork unitOfWork,
    TimeProvider clock,
    IOptions<TelegramOptions> options,
    ILogger<UpdateHandler> log)
{
    /// <summary>Seconds Telegram may cache an inline answer; answers are personal (the user's exchange and fees).</summary>
    public const int InlineCacheSeconds = 5;

    /// <summary>The updates the bot asks for; named on every call because Telegram remembers the last list.</summary>
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.InlineQuery, UpdateType.MyChatMember];

    /// <summary>
    /// The key whose updates must be handled in order: the chat, or the user for inline queries. Never
    /// throws, whatever the update lacks (the library's types say a chat or sender is never null;
    /// a broken update can still leave it out).
    /// </summary>
    public static long OrderKey(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update.Message?.Chat?.Id
            ?? update.CallbackQuery?.Message?.Chat?.Id
            ?? update.CallbackQuery?.From?.Id
            ?? update.InlineQuery?.From?.Id
            ?? update.MyChatMember?.Chat?.Id
            ?? 0;
    }

    /// <summary>The updates of a batch not handled before (also across restarts), in one look at the store; the others are skipped whole.</summary>
    public IReadOnlyList<Update> New(IReadOnlyList<Update> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var done = handled.Handled([.. updates.Select(u => (long)u.Id)]);
        foreach (var update in updates.Where(u => done.Contains(u.Id)))
        {
            LogDuplicate(update.Id);
        }

        return [.. updates.Where(u => !done.Contains(u.Id))];
    }

    /// <summary>
    /// Handles one update unless it was handled before (a webhook redelivery, say): its decision in
    /// a transaction shared with the other chats' decisions under way, its network answer meanwhile,
    /// then its replies.
    /// </summary>
    public Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return New([update]).Count == 0
            ? Task.CompletedTask
            : FinishAsync(update, unitOfWork.RunShared([() => Decide(update)])[0], cancellationToken);
    }

    /// <summary>
    /// Hands the decisions of a batch's new updates (see <see cref="New"/>) to the storage thread at
    /// once, in update order: they run in that order, which keeps each chat's, and start in one
    /// shared transaction (one wait for the disk for the batch). Finish each with <see cref="FinishAsync"/>.
    /// </summary>
    public IReadOnlyList<Task<IReadOnlyList<Outbox.Queued>>> DecideAll(IReadOnlyList<Update> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return unitOfWork.RunShared([.. updates.Select(u => (Func<IReadOnlyList<Outbox.Queued>>)(() => Decide(u)))]);
    }

    /// <summary>
    /// The rest of an update whose decision was handed over: its network answer (a press is
    /// acknowledged before its replies go), then, once the decision is on disk, its replies.
    /// </summary>
    public async Task FinishAsync(Update update, Task<IReadOnlyList<Outbox.Queued>> decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(decision);
        await AnswerAsync(update, cancellationToken);
        outbox.Release(await decision);
    }

    /// <summary>
    /// What must reach Telegram before the update's replies, and needs no storage: a press is
    /// acknowledged (Telegram shows a spinner until then), an inline query answered. Runs while the
    /// decision is made. Never throws for a Telegram refusal or timeout; nothing for other updates.
    /// </summary>
    private Task AnswerAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update switch
        {
            { CallbackQuery: { } query } => AcknowledgeAsync(query, cancellationToken),
            { InlineQuery: { } inline } => OnInlineAsync(inline, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>
    /// The synchronous part of an update, run inside a transaction: the dispatcher's decision and
    /// what it stores, its replies journalled, and the update marked handled. May run twice (the
    /// first attempt rolled back, see <see cref="IUnitOfWork.RunShared{T}"/>): it
    /// changes nothing outside the transaction but the dispatcher's per-user message budget (and
    /// notes a group's migration, which a second run notes again).
    /// </summary>
    private IReadOnlyList<Outbox.Queued> Decide(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var queued = update switch
        {
            { Message: { } message } => OnMessage(message),
            { CallbackQuery: { } query } => OnButton(update.Id, query),
            { MyChatMember: { } member } => OnMembership(member),
            _ => [],
        };
        handled.MarkHandled(update.Id, clock.GetUtcNow());
        return queued;
    }

    /// <summary>Answers are awaited inside the update (the press is answered before its replies), so they get the send timeout.</summary>
    private CancellationTokenSource AnswerTimeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.SendTimeoutSeconds));
        return timeout;
    }

    private static ChatKind? KindOf(global::Telegram.Bot.Types.Chat chat) => chat.Type switch
    {
        ChatType.Private => ChatKind.Private,
        ChatType.Group or ChatType.Supergroup => ChatKind.Group,
        _ => null,
    };

    private static string NameOf(User user) => user.LastName is { Length: > 0 } last ? user.FirstName + " " + last : user.FirstName;

    private IReadOnlyList<Outbox.Queued> OnMessage(Message message)
    {
        if (message.MigrateToChatId is { } supergroup)
        {
            outbox.Migrated(message.Chat.Id, supergroup);
            return [];
        }

        if (message.Text is not { } text || message.From is not { IsBot: false } from || KindOf(message.Chat) is not { } kind)
        {
            return [];
        }

        var replies = engine.Dispatcher.Handle(InboundMessage.Typed(message.Chat.Id, kind, from.Id, NameOf(from), text, message.Id));
        return outbox.Journal(message.Chat.Id, replies);
    }

    private async Task AcknowledgeAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = AnswerTimeout(cancellationToken);
            await bot.AnswerCallbackQuery(query.Id, cancellationToken: timeout.Token);
        }
        catch (Exception e) when (e is RequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogCallbackNotAnswered(query.Id, e.Message);
        }
    }

    private IReadOnlyList<Outbox.Queued> OnButton(int updateId, CallbackQuery query)
    {
        if (query.Message is not { } message || query.Data is not { } data || KindOf(message.Chat) is not { } kind)
        {
            return [];
        }

        // Presses carry no message id of their own; the negated update id is unique and never collides with a message id.
        var inbound = InboundMessage.Pressed(message.Chat.Id, kind, query.From.Id, NameOf(query.From), data, -(long)updateId);
        return outbox.Journal(message.Chat.Id, engine.Dispatcher.Handle(inbound), message.Id);
    }

    private async Task OnInlineAsync(InlineQuery query, CancellationToken cancellationToken)
    {
        var answers = engine.Dispatcher.AnswerInline(query.From.Id, query.Query);
        var results = answers.Select((a, i) => new InlineQueryResultArticle(
            (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            a.Title,
            new InputTextMessageContent(a.Html) { ParseMode = ParseMode.Html, LinkPreviewOptions = new LinkPreviewOptions { IsDisabled = true } })
        {
            Description = a.Description,
        });
        try
        {
            using var timeout = AnswerTimeout(cancellationToken);
            await bot.AnswerInlineQuery(query.Id, results, cacheTime: InlineCacheSeconds, isPersonal: true, cancellationToken: timeout.Token);
        }
        catch (Exception e) when (e is RequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The user typed on: a newer query replaced this one, and an old one cannot be answered any more.
            LogInlineNotAnswered(query.Id, e.Message);
        }
    }

    private IReadOnlyList<Outbox.Queued> OnMembership(ChatMemberUpdated update)
    {
        var joined = update.NewChatMember.Status is ChatMemberStatus.Member or ChatMemberStatus.Administrator
            && update.OldChatMember.Status is ChatMemberStatus.Left or ChatMemberStatus.Kicked;
        if (joined && KindOf(update.Chat) == ChatKind.Group)
        {
            return outbox.Journal(update.Chat.Id, [engine.Dispatcher.Introduction()]);
        }

        return [];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Update {UpdateId} was handled before: skipped")]
    private partial void LogDuplicate(int updateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Button press {QueryId} could not be acknowledged: {Reason}")]
    private partial void LogCallbackNotAnswered(string queryId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inline query {QueryId} could not be answered: {Reason}")]
    private partial void LogInlineNotAnswered(string queryId, string reason);
}
