namespace MarginBot.Conversations.Chat;

/// <summary>Where a message was sent: a one-to-one chat with the bot or a group.</summary>
public enum ChatKind
{
    /// <summary>A private chat with one user.</summary>
    Private,

    /// <summary>A group or supergroup: never show one user's data here.</summary>
    Group,
}

/// <summary>
/// One message from a user, whatever carried it (Telegram, the console, a transcript). Exactly one
/// of <see cref="Text"/> and <see cref="ButtonData"/> is set.
/// </summary>
/// <param name="ChatId">The chat; in a private chat Telegram uses the user's id.</param>
/// <param name="Kind">Private or group.</param>
/// <param name="UserId">Who sent it.</param>
/// <param name="UserName">Their display name, untrusted: escape before showing.</param>
/// <param name="Text">What they typed, or <c>null</c> for a button press.</param>
/// <param name="ButtonData">The pressed button's callback data, or <c>null</c> for text.</param>
/// <param name="MessageId">Unique per chat; a repeated id is a redelivery and is ignored.</param>
public sealed record InboundMessage(long ChatId, ChatKind Kind, long UserId, string UserName, string? Text, string? ButtonData, long MessageId)
{
    /// <summary>A typed message.</summary>
    public static InboundMessage Typed(long chatId, ChatKind kind, long userId, string userName, string text, long messageId) =>
        new(chatId, kind, userId, userName, text, null, messageId);

    /// <summary>A button press.</summary>
    public static InboundMessage Pressed(long chatId, ChatKind kind, long userId, string userName, string data, long messageId) =>
        new(chatId, kind, userId, userName, null, data, messageId);
}
