using MarginBot.Conversations.Chat;
using Telegram.Bot.Types.ReplyMarkups;

namespace MarginBot.Telegram;

/// <summary>Transport-neutral replies in Telegram's shapes; no wording here.</summary>
internal static class TelegramReplies
{
    /// <summary>Telegram's limit on a photo caption.</summary>
    public const int MaxCaption = 1024;

    /// <summary>Inline buttons only: a plain string would become a reply keyboard shown to the whole group.</summary>
    public static InlineKeyboardMarkup? Markup(Reply reply) =>
        reply.Buttons.Count == 0
            ? null
            : new InlineKeyboardMarkup(reply.Buttons.Select(row => row.Select(b => InlineKeyboardButton.WithCallbackData(b.Label, b.Data))));
}
