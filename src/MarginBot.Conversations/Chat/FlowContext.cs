using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Settings;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Chat;

/// <summary>What a flow may read while it handles one message.</summary>
internal sealed record FlowContext(UserSettings Settings, TraderBook Book, TierCatalog Catalog, ConversationOptions Options, DateTimeOffset Now)
{
    /// <summary>Live market data, waited for at most a few seconds; offline unless the host gave a port.</summary>
    public Market.LiveMarket Live { get; init; } = Market.LiveMarket.Offline;
}

/// <summary>
/// What a flow decided: the session to keep (<c>null</c> ends it), the replies, and a changed book
/// to store. The dispatcher persists all of it only after the flow returned.
/// </summary>
internal sealed record FlowResult(Session? Session, IReadOnlyList<Reply> Replies, TraderBook? ChangedBook = null)
{
    public static FlowResult Keep(Session session, params Reply[] replies) => new(session, replies);

    public static FlowResult End(params Reply[] replies) => new(null, replies);
}
