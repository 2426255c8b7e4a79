using MarginBot.Conversations.Chat;
using MarginBot.Storage;
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
/// are one transaction: a crash keeps all of them or none (the update then comes again and is
/// handled afresh), so a confirmed change is never lost nor applied twice, and its reply is sent.
/// </summary>
internal sealed partial class UpdateHandler(
    ITelegramBotClient bot,
    ConversationEngine engine,
    Outbox outbox,
    IProcessedMessages processed,
    LiteDbStorage storage,
    TimeProvider clock,
    IOptions<TelegramOptions> options,
    ILogger<UpdateHandler> log)
{
    /// <summary>
    /// Handled update ids live in the processed-message store under this chat id, which no Telegram
    /// chat has; they are kept two days, longer than Telegram keeps a pending update.
    /// </summary>
    public const long UpdatesChat = 0;

    /// <summary>Seconds Telegram may cache an inline answer; answers are personal (the user's exchange and fees).</summary>
    public const int InlineCacheSeconds = 5;

    /// <summary>The updates the bot asks for; named on every call because Telegram remembers the last list.</summary>
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.InlineQuery, UpdateType.MyChatMember];

    /// <summary>The key whose updates must be handled in order: the chat, or the user for inline queries.</summary>
    public static long OrderKey(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update.Message?.Chat.Id
            ?? update.CallbackQuery?.Message?.Chat.Id
            ?? update.CallbackQuery?.From.Id
            ?? update.InlineQuery?.From.Id
            ?? update.MyChatMember?.Chat.Id
            ?? 0;
    }

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (processed.WasProcessed(UpdatesChat, update.Id))
        {
            LogDuplicate(update.Id);
            return;
        }

        IReadOnlyList<Outbox.Queued> queued = [];
        switch (update)
        {
            case { Message: { } message }:
                queued = Commit(update.Id, () => OnMessage(message));
                break;
            case { CallbackQuery: { } query }:
                queued = await OnButtonAsync(update.Id, query, cancellationToken);
                break;
            case { InlineQuery: { } inline }:
                await OnInlineAsync(inline, cancellationToken);
                Commit(update.Id, () => []);
                break;
            case { MyChatMember: { } member }:
                queued = Commit(update.Id, () => OnMembership(member));
                break;
            default:
                Commit(update.Id, () => []);
                break;
        }

        outbox.Release(queued);
    }

    /// <summary>Runs the synchronous part of an update and marks it handled, in one transaction.</summary>
    private IReadOnlyList<Outbox.Queued> Commit(int updateId, Func<IReadOnlyList<Outbox.Queued>> work) =>
        storage.InTransaction(() =>
        {
            var queued = work();
            processed.MarkProcessed(UpdatesChat, updateId, clock.GetUtcNow());
            return queued;
        });

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

    private async Task<IReadOnlyList<Outbox.Queued>> OnButtonAsync(int updateId, CallbackQuery query, CancellationToken cancellationToken)
    {
        // First, always: Telegram shows a spinner until the query is answered, and a late answer fails.
        try
        {
            using var timeout = AnswerTimeout(cancellationToken);
            await bot.AnswerCallbackQuery(query.Id, cancellationToken: timeout.Token);
        }
        catch (Exception e) when (e is RequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogCallbackNotAnswered(query.Id, e.Message);
        }

        if (query.Message is not { } message || query.Data is not { } data || KindOf(message.Chat) is not { } kind)
        {
            return Commit(updateId, () => []);
        }

        // Presses carry no message id of their own; the negated update id is unique and never collides with a message id.
        var inbound = InboundMessage.Pressed(message.Chat.Id, kind, query.From.Id, NameOf(query.From), data, -(long)updateId);
        return Commit(updateId, () => outbox.Journal(message.Chat.Id, engine.Dispatcher.Handle(inbound), message.Id));
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
