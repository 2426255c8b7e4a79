namespace MarginBot.Conversations.Text;

/// <summary>What the bot says where only a messenger like Telegram can ask: menus, inline answers, joining a group.</summary>
internal static partial class Texts
{
    /// <summary>The introduction posted once when the bot is added to a group.</summary>
    public static string AddedToGroup(string bot) => Say("telegram.added-to-group", ("bot", bot), ("link", DeepLink(bot, "check")));

    /// <summary>Answers to <c>@Bot btc long 60000 10x</c> typed in any chat.</summary>
    public static class Inline
    {
        public static string EmptyTitle => Say("telegram.inline.empty-title");

        public static string EmptyDescription => Say("telegram.inline.empty-description");
    }
}
