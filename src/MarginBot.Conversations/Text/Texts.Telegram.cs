namespace MarginBot.Conversations.Text;

/// <summary>What the bot says where only a messenger like Telegram can ask: menus, inline answers, joining a group.</summary>
internal static partial class Texts
{
    /// <summary>The introduction posted once when the bot is added to a group.</summary>
    public static string AddedToGroup(string bot) =>
        $"""
        Hi all! I am MarginBot: I estimate where a futures trade gets liquidated, before anyone enters it.
        Try <code>/liq@{bot} btc long 60000 10x</code>, or type <code>@{bot} btc long 60000 10x</code> in any chat.
        /glossary@{bot} explains the terms, /mistakes@{bot} lists six common ones. The checklist and your own book stay private: {DeepLink(bot, "check")}
        """;

    /// <summary>The command menus (names lower-case, at most 32 characters; descriptions at most 256).</summary>
    public static class Menu
    {
        public static readonly IReadOnlyList<(string Command, string Description)> Private =
        [
            ("check", "Pre-trade checklist and verdict"),
            ("mode", "Isolated or cross? The decision tree"),
            ("liq", "Liquidation price: /liq btc long 60000 10x"),
            ("positions", "Your book with liquidation prices"),
            ("whatif", "What a move does to your book: /whatif eth -10%"),
            ("compare", "The same move, all cross vs all isolated, with a chart"),
            ("idle", "Idle funds exposed under cross"),
            ("alerts", "Liquidation alerts on your positions: on, off, levels"),
            ("size", "Size from a stop and a money risk"),
            ("funding", "How funding moves a liquidation price"),
            ("wallet", "Set your futures wallet: /wallet 1000"),
            ("open", "Add a position: /open eth long 3000 2 5x"),
            ("close", "Remove a position: /close 1"),
            ("marks", "Set a mark price: /marks eth 2900"),
            ("settings", "Exchange and fee rates"),
            ("glossary", "Short definitions"),
            ("mistakes", "Six mistakes with isolated vs cross"),
            ("cancel", "Leave the current conversation"),
            ("help", "Every command"),
        ];

        public static readonly IReadOnlyList<(string Command, string Description)> Group =
        [
            ("liq", "Liquidation price: btc long 60000 10x"),
            ("size", "Size from a stop and a money risk"),
            ("funding", "How funding moves a liquidation price"),
            ("glossary", "Short definitions"),
            ("mistakes", "Six mistakes with isolated vs cross"),
            ("help", "What I answer in groups"),
        ];
    }

    /// <summary>Answers to <c>@Bot btc long 60000 10x</c> typed in any chat.</summary>
    public static class Inline
    {
        public const string EmptyTitle = "Liquidation price of a trade";

        public const string EmptyDescription = "Type a trade: btc long 60000 10x (symbol, side, entry, leverage)";
    }
}
