namespace MarginBot.Conversations.Chat;

/// <summary>
/// Port: the transport's update ids already handled (a Telegram update id, say), kept longer than the
/// transport keeps an undelivered update, so an update delivered again (after a crash, a webhook
/// retry) is handled once. Marked inside the transaction that applies the update.
/// </summary>
public interface IHandledUpdates
{
    /// <summary>Which of <paramref name="updateIds"/> were handled before, in one look.</summary>
    IReadOnlySet<long> Handled(IReadOnlyCollection<long> updateIds);

    /// <summary>Records that the update was handled, at <paramref name="at"/>.</summary>
    void MarkHandled(long updateId, DateTimeOffset at);
}
