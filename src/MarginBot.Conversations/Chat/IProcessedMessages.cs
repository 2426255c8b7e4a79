namespace MarginBot.Conversations.Chat;

/// <summary>Port: the message ids already handled, so a redelivered message is answered once.</summary>
public interface IProcessedMessages
{
    /// <summary>True when the message was handled before.</summary>
    bool WasProcessed(long chatId, long messageId);

    /// <summary>Which of <paramref name="messageIds"/> were handled before; a store may look them all up at once.</summary>
    IReadOnlySet<long> Processed(long chatId, IReadOnlyCollection<long> messageIds) =>
        messageIds.Where(id => WasProcessed(chatId, id)).ToHashSet();

    /// <summary>Records that the message was handled, at <paramref name="at"/>.</summary>
    void MarkProcessed(long chatId, long messageId, DateTimeOffset at);
}
