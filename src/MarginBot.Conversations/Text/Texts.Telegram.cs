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

    /// <summary>Answers to <c>@Bot btc long 60000 10x</c> typed in any chat.</summary>
    public static class Inline
    {
        public const string EmptyTitle = "Liquidation price of a trade";

        public const string EmptyDescription = "Type a trade: btc long 60000 10x (symbol, side, entry, leverage)";
    }
}
