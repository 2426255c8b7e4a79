using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Settings;

namespace MarginBot.Conversations.Chat;

/// <summary>The storage ports the dispatcher needs, implemented together by a storage adapter.</summary>
/// <param name="Users">Users' settings.</param>
/// <param name="Books">Wallets and positions.</param>
/// <param name="Sessions">Conversations in progress.</param>
/// <param name="Processed">Message ids already handled.</param>
/// <param name="Alerts">Alert settings and alerts sent; <c>null</c> where alerts are not offered.</param>
public sealed record ConversationStores(IUserSettingsStore Users, IBookStore Books, ISessionStore Sessions, IProcessedMessages Processed, Alerts.IAlertStore? Alerts = null);

/// <summary>What the dispatcher is configured with.</summary>
public sealed record ConversationOptions
{
    /// <summary>The bot's username without the @, for <c>/cmd@BotName</c> and deep links.</summary>
    public string BotName { get; init; } = "MarginBot";

    /// <summary>How long a conversation may sit idle before it expires.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Funding rate assumed per interval when the user gives none: 0.01% per 8 hours, the usual baseline.</summary>
    public decimal DefaultFundingRate { get; init; } = 0.0001m;

    /// <summary>
    /// Messages and button presses one user may send the bot per sliding minute; the first one over it
    /// gets a polite "slow down", the rest silence until the minute has passed.
    /// </summary>
    public int MessagesPerMinute { get; init; } = 30;

    /// <summary>Open positions one user's book may hold.</summary>
    public int MaxPositions { get; init; } = 50;

    /// <summary>The longest message read, in characters; a longer one gets a polite refusal (Telegram allows 4,096).</summary>
    public int MaxMessageLength { get; init; } = 4000;

    /// <summary>
    /// Whether the dispatcher records every message id it handled, to ignore a redelivered message.
    /// Needed where messages may come twice and nothing else catches it (transcripts replay such
    /// cases). The Telegram host turns it off (it records each update id in the same transaction as
    /// the update's effects), and so does the console chat (a typed line never comes twice): a second
    /// record per message would cost a read and a write for nothing.
    /// </summary>
    public bool DeduplicateMessages { get; init; } = true;

    /// <summary>The longest one reply waits for a live figure (mark, funding, tiers) before answering without it.</summary>
    public TimeSpan MarketWait { get; init; } = TimeSpan.FromSeconds(3);
}
