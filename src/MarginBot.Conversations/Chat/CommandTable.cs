using MarginBot.Conversations.Checklist;
using MarginBot.Conversations.ModeTree;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.QuickCommands;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Settings;
using MarginBot.Conversations.Text;

namespace MarginBot.Conversations.Chat;

/// <summary>Where a command is answered.</summary>
[Flags]
public enum CommandScope
{
    /// <summary>In a private chat.</summary>
    Private = 1,

    /// <summary>In a group, addressed as <c>/name@Bot</c>.</summary>
    Group = 2,
}

/// <summary>One command as the dispatcher received it.</summary>
/// <param name="Message">The message that carried it.</param>
/// <param name="Session">The (chat, user) conversation in progress, or <c>null</c>.</param>
/// <param name="Args">What followed the command's name.</param>
/// <param name="Context">Settings, book, catalog, options and clock for the answer.</param>
internal readonly record struct CommandCall(InboundMessage Message, Session? Session, string Args, FlowContext Context);

/// <summary>
/// One command of the bot: its name, where it answers, its lines in the Telegram menus, in /help and
/// in docs/commands.md, and what handles it. Every place that lists or routes commands reads
/// <see cref="CommandTable.All"/>: adding a command is one entry.
/// </summary>
/// <param name="Name">Lower case, without the slash.</param>
/// <param name="Scopes">Where it is answered; elsewhere a group gets a link to the private chat.</param>
/// <param name="PrivateMenu">Its line in the private chats' menu, or <c>null</c> to leave it out.</param>
/// <param name="GroupMenu">Its line in the groups' menu, or <c>null</c>.</param>
/// <param name="PrivateHelp">Its line in the private /help (HTML), or <c>null</c> when another line covers it.</param>
/// <param name="GroupHelp">Its line in the group /help (HTML, <c>{bot}</c> for the bot's name), or <c>null</c>.</param>
/// <param name="DocUsage">The syntax in docs/commands.md (Markdown).</param>
/// <param name="DocPrivate">What it does in a private chat, for docs/commands.md.</param>
/// <param name="DocGroup">What it does in a group, for docs/commands.md.</param>
public sealed record ChatCommand(
    string Name,
    CommandScope Scopes,
    string? PrivateMenu,
    string? GroupMenu,
    string? PrivateHelp,
    string? GroupHelp,
    string DocUsage,
    string DocPrivate,
    string DocGroup)
{
    /// <summary>The answer in a private chat.</summary>
    internal Func<Dispatcher, CommandCall, IReadOnlyList<Reply>> InPrivate { get; init; } = static (_, _) => [];

    /// <summary>The answer in a group; only for commands whose scopes include groups.</summary>
    internal Func<Dispatcher, CommandCall, IReadOnlyList<Reply>>? InGroup { get; init; }
}

/// <summary>The bot's commands, in the order /help lists them.</summary>
public static class CommandTable
{
    /// <summary>Every command, in /help's order (the menus keep it).</summary>
    public static IReadOnlyList<ChatCommand> All { get; } =
    [
        new("check", CommandScope.Private,
            "Pre-trade checklist and verdict", null,
            "/check: the pre-trade checklist (symbol, entry, size, leverage, mode, wallet, max loss, stop, hold) and a verdict", null,
            "`/check`", "the pre-trade checklist (below)", "deep link to the private chat")
        {
            InPrivate = static (d, c) => d.Apply(c.Message, CheckFlow.Begin(c.Context)),
        },
        new("mode", CommandScope.Private,
            "Isolated or cross? The decision tree", null,
            "/mode: isolated or cross? The article's decision tree, with its reasons", null,
            "`/mode`", "the article's decision tree (below)", "deep link to the private chat")
        {
            InPrivate = static (d, c) => d.Mode(c),
        },
        new("liq", CommandScope.Private | CommandScope.Group,
            "Liquidation price: /liq btc long 60000 10x", "Liquidation price: btc long 60000 10x",
            "/liq btc long 60000 10x: estimated liquidation price (/help liq for the grammar)",
            "/liq@{bot} btc long 60000 10x: estimated liquidation price (/help@{bot} liq for the grammar)",
            "`/liq …`", "liquidation estimate; missing pieces are asked for", "liquidation estimate; missing pieces are named")
        {
            InPrivate = static (d, c) => d.Liq(c),
            InGroup = static (_, c) => LiqFlow.Ask(c.Args, ChatKind.Group, c.Context).Replies,
        },
        new("size", CommandScope.Private | CommandScope.Group,
            "Size from a stop and a money risk", "Size from a stop and a money risk",
            "/size sol long 150 stop 140 risk 150: size and highest safe leverage from a money risk (wallet 1000 shows cross)",
            "/size@{bot} sol long 150 stop 140 risk 150: size and highest safe leverage from a money risk",
            "`/size SYMBOL SIDE ENTRY stop PRICE risk AMOUNT [wallet W] [exchange]`", "size and highest safe leverage from a money risk (below)", "same (nothing stored is used)")
        {
            InPrivate = static (_, c) => Dispatcher.Quote(() => RiskQuotes.Size(c.Args, c.Context), Texts.Quotes.SizeExample),
            InGroup = static (_, c) => Dispatcher.Quote(() => RiskQuotes.Size(c.Args, c.Context), Texts.Quotes.SizeExample),
        },
        new("funding", CommandScope.Private | CommandScope.Group,
            "How funding moves a liquidation price", "How funding moves a liquidation price",
            "/funding btc long 60000 10x 3d [0.03%]: how funding walks an isolated liquidation price (0.01% per 8h assumed)",
            "/funding@{bot} btc long 60000 10x 3d: how funding walks an isolated liquidation price (optional rate, e.g. 0.03%)",
            "`/funding SYMBOL SIDE ENTRY LEVx HOLD [RATE%] [size] [exchange]`", "how funding walks an isolated liquidation price (below)", "same")
        {
            InPrivate = static (_, c) => Dispatcher.Quote(() => RiskQuotes.Funding(c.Args, c.Context), Texts.Quotes.FundingExample),
            InGroup = static (_, c) => Dispatcher.Quote(() => RiskQuotes.Funding(c.Args, c.Context), Texts.Quotes.FundingExample),
        },
        new("wallet", CommandScope.Private,
            "Set your futures wallet: /wallet 1000", null,
            "/wallet 1000: set your futures wallet balance (USDT)", null,
            "`/wallet [amount]`", "show or set the futures wallet (USDT)", "deep link; never shows anyone's data")
        {
            InPrivate = static (d, c) => d.Store(c.Message, BookCommands.Wallet(c.Args, c.Context)),
        },
        new("open", CommandScope.Private,
            "Add a position: /open eth long 3000 2 5x", null,
            "/open eth long 3000 2 5x isolated: add a position (qty 2; default 1x cross when not given)", null,
            "`/open SYMBOL SIDE ENTRY QTY [10x] [isolated\\|cross]`", "add a position; 1x cross when not given (stated)", "deep link")
        {
            InPrivate = static (d, c) => d.Store(c.Message, BookCommands.Open(c.Args, c.Context)),
        },
        new("positions", CommandScope.Private,
            "Your book with liquidation prices", null,
            "/positions: your book with liquidation prices; /close N removes position N", null,
            "`/positions`", "the book analyzed by the engine: liquidation prices, PnL at the marks, margin ratio, idle funds, warnings", "deep link")
        {
            InPrivate = static (d, c) => d.Store(c.Message, BookCommands.Positions(c.Args, c.Context)),
        },
        new("close", CommandScope.Private,
            "Remove a position: /close 1", null,
            null, null,
            "`/close N`", "remove position N", "deep link")
        {
            InPrivate = static (d, c) => d.Store(c.Message, BookCommands.Close(c.Args, c.Context)),
        },
        new("marks", CommandScope.Private,
            "Set a mark price: /marks eth 2900", null,
            "/marks eth 2900: set a mark price", null,
            "`/marks [SYMBOL PRICE]`", "show or set a mark price", "deep link")
        {
            InPrivate = static (d, c) => d.Store(c.Message, BookCommands.Marks(c.Args, c.Context)),
        },
        new("whatif", CommandScope.Private,
            "What a move does to your book: /whatif eth -10%", null,
            "/whatif eth -10% (or -15%, or eth 2900): the liquidation cascade of a move on your book", null,
            "`/whatif MOVE`", "the liquidation cascade of a move on your book (below)", "deep link; never shows anyone's data")
        {
            InPrivate = static (d, c) => d.Store(c.Message, RiskCommands.WhatIf(c.Args, c.Context)),
        },
        new("compare", CommandScope.Private,
            "The same move, all cross vs all isolated, with a chart", null,
            "/compare [eth -10%]: the same move all-isolated vs all-cross, with a chart", null,
            "`/compare [MOVE]`", "the same move with every position cross and every position isolated, with a chart", "deep link")
        {
            InPrivate = static (d, c) => d.Store(c.Message, RiskCommands.Compare(c.Args, c.Context)),
        },
        new("idle", CommandScope.Private,
            "Idle funds exposed under cross", null,
            "/idle: your idle funds and how far they move each cross liquidation price", null,
            "`/idle`", "idle funds: how much, and how far they move each cross liquidation price", "deep link")
        {
            InPrivate = static (d, c) => d.Store(c.Message, RiskCommands.Idle(c.Context)),
        },
        new("alerts", CommandScope.Private,
            "Liquidation alerts on your positions: on, off, levels", null,
            "/alerts on|off, /alerts 20 10 5: warnings before liquidation at those distances (and 80%/90% margin ratio for cross)", null,
            "`/alerts [on\\|off\\|LEVELS]`", "liquidation alerts on the book (docs/market-data.md)", "deep link")
        {
            InPrivate = static (d, c) => d.Alerts(c.Message.UserId, c.Args),
        },
        new("settings", CommandScope.Private,
            "Exchange and fee rates", null,
            "/settings: exchange and fee rates (/settings exchange bybit, /settings fees 0.04% 0.02%)", null,
            "`/settings [exchange X \\| fees TAKER% MAKER% \\| fees default]`", "exchange (binance, bybit, okx) and fee rates", "deep link")
        {
            InPrivate = static (d, c) => d.Store(c.Message, SettingsCommand.Run(c.Args, c.Context.Settings)),
        },
        new("glossary", CommandScope.Private | CommandScope.Group,
            "Short definitions", "Short definitions",
            "/glossary [term], /mistakes", "/glossary@{bot} [term]: the short definitions",
            "`/glossary [term]`", "the article's glossary, or one term", "same")
        {
            InPrivate = static (_, c) => [Reply.Send(Texts.Glossary(c.Args))],
            InGroup = static (_, c) => [Reply.Send(Texts.Glossary(c.Args))],
        },
        new("mistakes", CommandScope.Private | CommandScope.Group,
            "Six mistakes with isolated vs cross", "Six mistakes with isolated vs cross",
            null, "/mistakes@{bot}: six mistakes with isolated vs cross",
            "`/mistakes`", "the article's six mistakes", "same")
        {
            InPrivate = static (_, _) => [Reply.Send(Texts.Mistakes)],
            InGroup = static (_, _) => [Reply.Send(Texts.Mistakes)],
        },
        new("back", CommandScope.Private,
            null, null,
            null, null,
            "`/back`", "one step back inside `/check` and `/mode`", "deep link")
        {
            InPrivate = static (d, c) => d.Back(c),
        },
        new("cancel", CommandScope.Private,
            "Leave the current conversation", null,
            "Inside /check and /mode: /back goes one step back, /cancel leaves.", null,
            "`/cancel`", "leave `/check`, `/mode` or a pending `/liq` question", "deep link")
        {
            InPrivate = static (d, c) => d.Cancel(c),
        },
        new("help", CommandScope.Private | CommandScope.Group,
            "Every command", "What I answer in groups",
            null, null,
            "`/help [liq]`", "the commands; `/help liq` the `/liq` grammar", "the group commands")
        {
            InPrivate = static (d, c) => [Reply.Send(Help(c.Args, ChatKind.Private, d.BotName))],
            InGroup = static (d, c) => [Reply.Send(Help(c.Args, ChatKind.Group, d.BotName))],
        },
        new("start", CommandScope.Private | CommandScope.Group,
            null, null,
            null, null,
            "`/start [payload]`", "welcome; `start check` opens the checklist, `start positions` shows the book (deep links)", "short note and a deep link")
        {
            InPrivate = static (d, c) => d.Start(c),
            InGroup = static (d, _) => [Reply.Send(GroupStart(d.BotName))],
        },
    ];

    private static readonly Dictionary<string, ChatCommand> ByName = All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>The command called <paramref name="name"/>, or <c>null</c>.</summary>
    public static ChatCommand? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The Telegram menu of a chat kind: the commands with a line for it, in the table's order.</summary>
    public static IReadOnlyList<(string Command, string Description)> Menu(ChatKind kind) =>
        [.. All.Select(c => (c.Name, Line: kind == ChatKind.Group ? c.GroupMenu : c.PrivateMenu)).Where(c => c.Line is not null).Select(c => (c.Name, c.Line!))];

    /// <summary>/help: the grammar of /liq, or the commands of the chat kind.</summary>
    public static string Help(string topic, ChatKind kind, string bot)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var t = topic.Trim().TrimStart('/').ToLowerInvariant();
        if (t == "liq")
        {
            return Texts.Liq.Grammar(bot);
        }

        var lines = kind == ChatKind.Group
            ? All.Where(c => c.GroupHelp is not null).Select(c => c.GroupHelp!.Replace("{bot}", bot, StringComparison.Ordinal))
            : All.Where(c => c.PrivateHelp is not null).Select(c => c.PrivateHelp!);
        return kind == ChatKind.Group
            ? string.Join("\n", [Texts.HelpGroupTitle, .. lines, Texts.HelpGroupPrivateLine(bot)])
            : string.Join("\n", [Texts.HelpPrivateTitle, .. lines]);
    }

    /// <summary>The note a group gets for /start: the commands it answers there.</summary>
    public static string GroupStart(string bot)
    {
        var names = All.Where(c => c.GroupMenu is not null).Select(c => $"/{c.Name}@{bot}").ToList();
        return Texts.GroupStart(string.Join(", ", names[..^1]) + " and " + names[^1], bot);
    }

    /// <summary>The table of docs/commands.md, in Markdown: a test keeps the page equal to it.</summary>
    public static string MarkdownTable() =>
        string.Join("\n", ["| command | private chat | group |", "| --- | --- | --- |", .. All.Select(c => $"| {c.DocUsage} | {c.DocPrivate} | {c.DocGroup} |")]) + "\n";
}
