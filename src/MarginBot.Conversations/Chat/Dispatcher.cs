using MarginBot.Conversations.Books;
using MarginBot.Conversations.Checklist;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.QuickCommands;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Settings;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Chat;

/// <summary>
/// The one entry point of every transport: loads the (chat, user) session, runs the command or the
/// flow, stores what changed only after it succeeded, and returns the replies. Redelivered message
/// ids are answered once. Bad input gets a friendly answer and leaves the conversation where it was.
/// Not thread-safe per chat: the adapter handles one chat's messages in order.
/// </summary>
public sealed class Dispatcher
{
    private static readonly HashSet<string> GroupCommands = ["liq", "help", "glossary", "mistakes", "start"];

    private static readonly HashSet<string> PrivateCommands = ["check", "wallet", "open", "positions", "close", "marks", "settings", "back", "cancel"];

    private readonly ConversationStores _stores;
    private readonly TierCatalog _catalog;
    private readonly TimeProvider _clock;
    private readonly ConversationOptions _options;

    /// <summary>Creates a dispatcher over the given storage, tier tables and clock.</summary>
    public Dispatcher(ConversationStores stores, TierCatalog catalog, TimeProvider clock, ConversationOptions? options = null)
    {
        _stores = stores ?? throw new ArgumentNullException(nameof(stores));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = options ?? new ConversationOptions();
    }

    /// <summary>Handles one message; returns the bot's replies (none for messages not meant for it).</summary>
    public IReadOnlyList<Reply> Handle(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_stores.Processed.WasProcessed(message.ChatId, message.MessageId))
        {
            return [];
        }

        IReadOnlyList<Reply> replies;
        try
        {
            replies = Route(message);
        }
        catch (InputException e)
        {
            replies = [Reply.Send(Texts.Problem(e.Problem))];
        }
        catch (Exception e) when (e is OverflowException or ArithmeticException or ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            // Numbers beyond decimal's range, or a bug: the user gets a sentence, never a stack trace,
            // and nothing of this message was stored.
            replies = [Reply.Send(Texts.SomethingWentWrong)];
        }

        _stores.Processed.MarkProcessed(message.ChatId, message.MessageId, _clock.GetUtcNow());
        return replies;
    }

    private List<Reply> Route(InboundMessage message)
    {
        var now = _clock.GetUtcNow();
        var session = _stores.Sessions.Load(message.ChatId, message.UserId);
        Reply? expired = null;
        if (session is not null && now - session.LastActivity > _options.SessionTimeout)
        {
            _stores.Sessions.Delete(message.ChatId, message.UserId);
            expired = Reply.Send(Texts.Expired(session.Flow, _options.SessionTimeout));
            session = null;
        }

        var context = new FlowContext(
            _stores.Users.Load(message.UserId) ?? UserSettings.Default,
            message.Kind == ChatKind.Private ? _stores.Books.Load(message.UserId) ?? TraderBook.Empty : TraderBook.Empty,
            _catalog,
            _options,
            now);

        if (message.ButtonData is { } data)
        {
            return expired is not null ? [expired] : [.. Press(message, session, data, context)];
        }

        var text = message.Text ?? string.Empty;
        var command = CommandLine.TryRead(text, _options.BotName, out var forOtherBot);
        if (forOtherBot)
        {
            return [];
        }

        if (command is null)
        {
            // In groups the bot only answers commands addressed to it (Telegram's privacy mode).
            if (message.Kind == ChatKind.Group)
            {
                return [];
            }

            if (expired is not null)
            {
                return [expired];
            }

            return session is null ? [Reply.Send(Texts.NotACommand)] : [.. Answer(message, session, text, context)];
        }

        var replies = new List<Reply>();
        if (expired is not null)
        {
            replies.Add(expired);
        }

        replies.AddRange(message.Kind == ChatKind.Group
            ? InGroup(command)
            : InPrivate(message, session, command, context));
        return replies;
    }

    private IReadOnlyList<Reply> InGroup(CommandLine command)
    {
        var bot = _options.BotName;
        var context = new FlowContext(UserSettings.Default, TraderBook.Empty, _catalog, _options, _clock.GetUtcNow());
        return command.Name switch
        {
            "liq" => LiqFlow.Ask(command.Arguments, ChatKind.Group, context).Replies,
            "help" => [Reply.Send(Texts.Help(command.Arguments, ChatKind.Group, bot))],
            "glossary" => [Reply.Send(Texts.Glossary(command.Arguments))],
            "mistakes" => [Reply.Send(Texts.Mistakes)],
            "start" => [Reply.Send(Texts.GroupStart(bot))],
            _ when PrivateCommands.Contains(command.Name) => [Reply.Send(Texts.PrivateOnly(command.Name, bot))],
            _ => [Reply.Send(Texts.UnknownCommand(command.Name))],
        };
    }

    private IReadOnlyList<Reply> InPrivate(InboundMessage message, Session? session, CommandLine command, FlowContext context)
    {
        var args = command.Arguments;
        switch (command.Name)
        {
            case "check":
                return Apply(message, CheckFlow.Begin(context));
            case "cancel":
                return session is null ? [Reply.Send(Texts.NothingToCancel)]
                    : CheckFlow.Resume(session, context) is { } checkToCancel ? Apply(message, checkToCancel.Cancel())
                    : LiqFlow.Resume(session, context) is { } liqToCancel ? Apply(message, liqToCancel.Cancel())
                    : Apply(message, FlowResult.End(Reply.Send(Texts.NothingToCancel)));
            case "back":
                return session is not null && CheckFlow.Resume(session, context) is { } checkBack
                    ? Apply(message, checkBack.Back())
                    : [Reply.Send(Texts.NothingToGoBackTo)];
            case "liq":
                var liq = LiqFlow.Ask(args, ChatKind.Private, context);
                if (liq.Session is not null && session is not null)
                {
                    // Never drop a conversation in progress for a quick question: name what is missing instead.
                    return LiqFlow.Ask(args, ChatKind.Group, context).Replies;
                }

                return liq.Session is null ? liq.Replies : Apply(message, liq);
            case "start":
                return Start(message, args, context);
            case "help":
                return [Reply.Send(Texts.Help(args, ChatKind.Private, _options.BotName))];
            case "glossary":
                return [Reply.Send(Texts.Glossary(args))];
            case "mistakes":
                return [Reply.Send(Texts.Mistakes)];
            case "wallet":
                return Store(message, BookCommands.Wallet(args, context));
            case "open":
                return Store(message, BookCommands.Open(args, context));
            case "positions":
                return Store(message, BookCommands.Positions(context));
            case "close":
                return Store(message, BookCommands.Close(args, context));
            case "marks":
                return Store(message, BookCommands.Marks(args, context));
            case "settings":
                return Store(message, SettingsCommand.Run(args, context.Settings));
            default:
                return [Reply.Send(Texts.UnknownCommand(command.Name))];
        }
    }

    private IReadOnlyList<Reply> Start(InboundMessage message, string payload, FlowContext context) =>
        payload.Trim().ToLowerInvariant() switch
        {
            "check" => Apply(message, CheckFlow.Begin(context)),
            "positions" => Store(message, BookCommands.Positions(context)),
            "" => [Reply.Send(Texts.Welcome(message.UserName))],
            var other when PrivateCommands.Contains(other) => [Reply.Send(Texts.Help(other, ChatKind.Private, _options.BotName))],
            _ => [Reply.Send(Texts.Welcome(message.UserName))],
        };

    private IReadOnlyList<Reply> Answer(InboundMessage message, Session session, string text, FlowContext context) =>
        CheckFlow.Resume(session, context) is { } check ? Apply(message, check.Answer(text))
        : LiqFlow.Resume(session, context) is { } liq ? Apply(message, liq.Answer(text))
        : Apply(message, FlowResult.End(Reply.Send(Texts.NotACommand)));

    private IReadOnlyList<Reply> Press(InboundMessage message, Session? session, string data, FlowContext context)
    {
        if (message.Kind == ChatKind.Private && session is not null)
        {
            if (CheckFlow.Owns(data) && CheckFlow.Resume(session, context) is { } check)
            {
                return Apply(message, check.Press(data));
            }

            if (LiqFlow.Owns(data) && LiqFlow.Resume(session, context) is { } liq)
            {
                return Apply(message, liq.Press(data));
            }
        }

        return [Reply.Send(Texts.StaleButtonNoConversation)];
    }

    // Persist only after the flow returned: a failed transition leaves the stored session as it was.
    private IReadOnlyList<Reply> Apply(InboundMessage message, FlowResult result)
    {
        if (result.ChangedBook is { } book)
        {
            _stores.Books.Save(message.UserId, book);
        }

        if (result.Session is { } session)
        {
            _stores.Sessions.Save(message.ChatId, message.UserId, session with { LastActivity = _clock.GetUtcNow() });
        }
        else
        {
            _stores.Sessions.Delete(message.ChatId, message.UserId);
        }

        return result.Replies;
    }

    private IReadOnlyList<Reply> Store(InboundMessage message, CommandResult result)
    {
        if (result.ChangedBook is { } book)
        {
            _stores.Books.Save(message.UserId, book);
        }

        if (result.ChangedSettings is { } settings)
        {
            _stores.Users.Save(message.UserId, settings);
        }

        return result.Replies;
    }
}
