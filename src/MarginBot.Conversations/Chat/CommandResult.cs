using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Settings;

namespace MarginBot.Conversations.Chat;

/// <summary>What a one-shot command answered and what it changed; the dispatcher stores the changes.</summary>
internal sealed record CommandResult(IReadOnlyList<Reply> Replies, TraderBook? ChangedBook = null, UserSettings? ChangedSettings = null)
{
    public static CommandResult Say(string html, params IReadOnlyList<Button>[] rows) => new([Reply.Send(html, rows)]);
}
