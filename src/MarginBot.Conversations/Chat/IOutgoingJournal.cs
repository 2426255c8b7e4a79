namespace MarginBot.Conversations.Chat;

/// <summary>
/// A reply on its way to a chat: <see cref="Reply"/> to send (editing <see cref="EditMessageId"/>
/// when set), or, without a reply, the buttons of message <see cref="EditMessageId"/> to remove.
/// </summary>
public sealed record OutgoingReply(Reply? Reply, int? EditMessageId);

/// <summary>A reply kept in the journal under <paramref name="Id"/>, for <paramref name="ChatId"/>.</summary>
public sealed record KeptReply(long Id, long ChatId, OutgoingReply Outgoing);

/// <summary>
/// Port: replies kept until the chat has them. A reply is kept in the transaction that decided it
/// (so a crash keeps both or neither), forgotten once delivered or refused for good, and whatever is
/// still kept at start is what a crash left unsent. How a reply is written down is the store's.
/// </summary>
public interface IOutgoingJournal
{
    /// <summary>Keeps <paramref name="reply"/> for <paramref name="chatId"/>; returns its id (increasing). Call it inside the transaction that decides it.</summary>
    long Keep(long chatId, OutgoingReply reply);

    /// <summary>Forgets a reply that was delivered (or never can be); completes once that is durable.</summary>
    Task ForgetAsync(long id);

    /// <summary>The replies kept and not yet forgotten, oldest first.</summary>
    IReadOnlyList<KeptReply> Kept();
}
