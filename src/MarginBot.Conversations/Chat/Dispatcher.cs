using MarginBot.Conversations.Alerts;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Checklist;
using MarginBot.Conversations.Market;
using MarginBot.Conversations.ModeTree;
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
    private readonly ConversationStores _stores;
    private readonly TierCatalog _catalog;
    private readonly TimeProvider _clock;
    private readonly ConversationOptions _options;
    private readonly MessageBudget _budget;
    private readonly LiveMarket _live;

    /// <summary>
    /// Creates a dispatcher over the given storage, tier tables and clock; <paramref name="market"/>
    /// (live marks, funding and tiers) is optional: without it every answer rests on what was typed.
    /// </summary>
    public Dispatcher(ConversationStores stores, TierCatalog catalog, TimeProvider clock, ConversationOptions? options = null, IMarketData? market = null)
    {
        _stores = stores ?? throw new ArgumentNullException(nameof(stores));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = options ?? new ConversationOptions();
        _budget = new MessageBudget(_options.MessagesPerMinute);
        _live = market is null ? LiveMarket.Offline : new LiveMarket(market, _options.MarketWait);
    }

    /// <summary>Handles one message; returns the bot's replies (none for messages not meant for it).</summary>
    public IReadOnlyList<Reply> Handle(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_options.DeduplicateMessages && _stores.Processed.WasProcessed(message.ChatId, message.MessageId))
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

        if (_options.DeduplicateMessages)
        {
            _stores.Processed.MarkProcessed(message.ChatId, message.MessageId, _clock.GetUtcNow());
        }

        return replies;
    }

    private List<Reply> Route(InboundMessage message)
    {
        var text = message.Text ?? string.Empty;
        CommandLine? command = null;
        if (message.ButtonData is null)
        {
            // In groups the bot only answers commands addressed to it (Telegram's privacy mode);
            // what is not for it costs the sender nothing.
            command = CommandLine.TryRead(text, _options.BotName, out var forOtherBot);
            if (forOtherBot || (command is null && message.Kind == ChatKind.Group))
            {
                return [];
            }
        }

        switch (_budget.Spend(message.UserId, _clock.GetUtcNow()))
        {
            case BudgetVerdict.SlowDown:
                return [Reply.Send(Texts.SlowDown(_options.MessagesPerMinute))];
            case BudgetVerdict.Silent:
                return [];
        }

        if (text.Length > _options.MaxMessageLength)
        {
            return [Reply.Send(Texts.TooLong(_options.MaxMessageLength))];
        }

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
            now) { Live = _live };

        if (message.ButtonData is { } data)
        {
            return expired is not null ? [expired] : [.. Press(message, session, data, context)];
        }

        if (command is null)
        {
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
            ? InGroup(message, command)
            : InPrivate(message, session, command, context));
        return replies;
    }

    /// <summary>The bot's username, as commands are addressed to it in groups.</summary>
    internal string BotName => _options.BotName;

    /// <summary>The command menus to show in private chats and in groups (lower-case names without the slash).</summary>
    public static IReadOnlyList<(string Command, string Description)> CommandMenu(ChatKind kind) => CommandTable.Menu(kind);

    /// <summary>The introduction to post once when the bot is added to a group.</summary>
    public Reply Introduction() => Reply.Send(Texts.AddedToGroup(_options.BotName));

    /// <summary>
    /// Answers an inline query (<c>@Bot btc long 60000 10x</c> typed in any chat) with what /liq
    /// answers in a group, computed with the asking user's settings. Nothing is stored.
    /// </summary>
    public IReadOnlyList<InlineAnswer> AnswerInline(long userId, string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Trim().Length == 0)
        {
            return [new InlineAnswer(Texts.Inline.EmptyTitle, Texts.Inline.EmptyDescription, Texts.Liq.Grammar(_options.BotName))];
        }

        var context = new FlowContext(_stores.Users.Load(userId) ?? UserSettings.Default, TraderBook.Empty, _catalog, _options, _clock.GetUtcNow()) { Live = _live };
        try
        {
            return [.. LiqFlow.Ask(query, ChatKind.Group, context).Replies.Select(InlineAnswer.Of)];
        }
        catch (Exception e) when (e is OverflowException or ArithmeticException or ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return [];
        }
    }

    private IReadOnlyList<Reply> InGroup(InboundMessage message, CommandLine command)
    {
        // A group answer never rests on anyone's stored settings or book.
        var context = new FlowContext(UserSettings.Default, TraderBook.Empty, _catalog, _options, _clock.GetUtcNow()) { Live = _live };
        return CommandTable.Find(command.Name) switch
        {
            { InGroup: { } answer } => answer(this, new CommandCall(message, null, command.Arguments, context)),
            { } privateOnly => [Reply.Send(Texts.PrivateOnly(privateOnly.Name, _options.BotName))],
            null => [Reply.Send(Texts.UnknownCommand(command.Name))],
        };
    }

    private IReadOnlyList<Reply> InPrivate(InboundMessage message, Session? session, CommandLine command, FlowContext context) =>
        CommandTable.Find(command.Name) is { } found
            ? found.InPrivate(this, new CommandCall(message, session, command.Arguments, context))
            : [Reply.Send(Texts.UnknownCommand(command.Name))];

    internal IReadOnlyList<Reply> Mode(CommandCall c)
    {
        if (c.Session is not null && CheckFlow.Resume(c.Session, c.Context) is { } checkInProgress)
        {
            // Never drop a checklist for the tree: at its mode step the tree runs inside it.
            return checkInProgress.DecideModeFromCommand() is { } inCheck ? Apply(c.Message, inCheck) : [Reply.Send(Texts.Mode.CheckInProgress)];
        }

        return Apply(c.Message, ModeFlow.Begin(c.Context));
    }

    internal IReadOnlyList<Reply> Cancel(CommandCall c) =>
        c.Session is null ? [Reply.Send(Texts.NothingToCancel)]
        : CheckFlow.Resume(c.Session, c.Context) is { } check ? Apply(c.Message, check.Cancel())
        : ModeFlow.Resume(c.Session) is { } mode ? Apply(c.Message, mode.Cancel())
        : LiqFlow.Resume(c.Session, c.Context) is { } liq ? Apply(c.Message, liq.Cancel())
        : Apply(c.Message, FlowResult.End(Reply.Send(Texts.NothingToCancel)));

    internal IReadOnlyList<Reply> Back(CommandCall c) =>
        c.Session is not null && CheckFlow.Resume(c.Session, c.Context) is { } check ? Apply(c.Message, check.Back())
        : c.Session is not null && ModeFlow.Resume(c.Session) is { } mode ? Apply(c.Message, mode.Back())
        : [Reply.Send(Texts.NothingToGoBackTo)];

    internal IReadOnlyList<Reply> Liq(CommandCall c)
    {
        var liq = LiqFlow.Ask(c.Args, ChatKind.Private, c.Context);
        if (liq.Session is not null && c.Session is not null)
        {
            // Never drop a conversation in progress for a quick question: name what is missing instead.
            return LiqFlow.Ask(c.Args, ChatKind.Group, c.Context).Replies;
        }

        return liq.Session is null ? liq.Replies : Apply(c.Message, liq);
    }

    internal IReadOnlyList<Reply> Start(CommandCall c) =>
        c.Args.Trim().ToLowerInvariant() switch
        {
            "check" => Apply(c.Message, CheckFlow.Begin(c.Context)),
            "mode" => Apply(c.Message, ModeFlow.Begin(c.Context)),
            "positions" => Store(c.Message, BookCommands.Positions(string.Empty, c.Context)),
            "compare" => Store(c.Message, RiskCommands.Compare(string.Empty, c.Context)),
            "idle" => Store(c.Message, RiskCommands.Idle(c.Context)),
            "whatif" => [Reply.Send(Texts.Risk.WhatIfUsage)],
            "" => [Reply.Send(Texts.Welcome(c.Message.UserName))],
            var other when CommandTable.Find(other) is { Scopes: CommandScope.Private } => [Reply.Send(CommandTable.Help(other, ChatKind.Private, _options.BotName))],
            _ => [Reply.Send(Texts.Welcome(c.Message.UserName))],
        };

    private IReadOnlyList<Reply> Answer(InboundMessage message, Session session, string text, FlowContext context) =>
        CheckFlow.Resume(session, context) is { } check ? Apply(message, check.Answer(text))
        : ModeFlow.Resume(session) is { } mode ? Apply(message, mode.Answer(text))
        : LiqFlow.Resume(session, context) is { } liq ? Apply(message, liq.Answer(text))
        : Apply(message, FlowResult.End(Reply.Send(Texts.NotACommand)));

    private IReadOnlyList<Reply> Press(InboundMessage message, Session? session, string data, FlowContext context)
    {
        if (data == ModeFlow.StartCheckData)
        {
            // "Start /check" works like typing /check, whatever conversation the old message came from.
            return message.Kind == ChatKind.Private ? Apply(message, CheckFlow.Begin(context)) : [Reply.Send(Texts.PrivateOnly("check", _options.BotName))];
        }

        if (data.StartsWith(AlertPass.ButtonPrefix, StringComparison.Ordinal))
        {
            return message.Kind == ChatKind.Private ? AlertButton(message, data, context) : [Reply.Send(Texts.StaleButtonNoConversation)];
        }

        if (data == BookCommands.RefreshData)
        {
            return message.Kind == ChatKind.Private
                ? Store(message, BookCommands.Positions(BookCommands.LiveWord, context))
                : [Reply.Send(Texts.PrivateOnly("positions", _options.BotName))];
        }

        if (message.Kind == ChatKind.Private && session is not null)
        {
            if (ModeFlow.Owns(data) && ModeFlow.Resume(session) is { } mode)
            {
                return Apply(message, mode.Press(data));
            }

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

    internal IReadOnlyList<Reply> Alerts(long userId, string args)
    {
        if (_stores.Alerts is not { } store)
        {
            return [Reply.Send(Texts.Alerts.Unavailable)];
        }

        var (html, changed) = AlertCommand.Run(args, store.Load(userId) ?? AlertSettings.Default);
        if (changed is not null)
        {
            store.Save(userId, changed);
        }

        return [Reply.Send(html)];
    }

    private IReadOnlyList<Reply> AlertButton(InboundMessage message, string data, FlowContext context)
    {
        if (AlertCommand.WhatIfArgs(data) is { } whatIf)
        {
            return Store(message, RiskCommands.WhatIf(whatIf, context));
        }

        if (_stores.Alerts is { } store
            && AlertCommand.Press(data, store.Load(message.UserId) ?? AlertSettings.Default, context.Now) is { } muted)
        {
            store.Save(message.UserId, muted.Changed);
            return [Reply.Send(muted.Html)];
        }

        return [Reply.Send(Texts.StaleButtonNoConversation)];
    }

    // A quick answer from what was typed: a token it cannot use is named with the command's example.
    internal static IReadOnlyList<Reply> Quote(Func<string> answer, string example)
    {
        try
        {
            return [Reply.Send(answer())];
        }
        catch (InputException e)
        {
            return [Reply.Send(Texts.Problem(e.Problem) + "\n" + Html.Escape(example))];
        }
    }

    // Persist only after the flow returned: a failed transition leaves the stored session as it was.
    internal IReadOnlyList<Reply> Apply(InboundMessage message, FlowResult result)
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

    internal IReadOnlyList<Reply> Store(InboundMessage message, CommandResult result)
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

/// <summary>One result offered for an inline query: a title and a description to pick it by, and the message it sends.</summary>
/// <param name="Title">Plain text, the first line of the answer.</param>
/// <param name="Description">Plain text, the rest of the answer.</param>
/// <param name="Html">The message sent when the user picks it, Telegram HTML.</param>
public sealed record InlineAnswer(string Title, string Description, string Html)
{
    private const int MaxTitle = 120;

    /// <summary>A reply offered as an inline result, titled by its first line.</summary>
    public static InlineAnswer Of(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var plain = Text.Html.ToPlain(reply.Html).Trim();
        var firstBreak = plain.IndexOf('\n', StringComparison.Ordinal);
        var title = firstBreak < 0 ? plain : plain[..firstBreak];
        var description = firstBreak < 0 ? string.Empty : plain[(firstBreak + 1)..].Replace('\n', ' ');
        return new InlineAnswer(title.Length > MaxTitle ? title[..(MaxTitle - 1)] + "…" : title, description, reply.Html);
    }
}
