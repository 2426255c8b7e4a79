namespace MarginBot.Storage;

// Persistence documents, separate from the domain records: LiteDB maps these, and only these.
// SchemaVersion lets a later release migrate old documents when it reads them.

/// <summary>A user's settings.</summary>
internal sealed class UserDocument
{
    public const int CurrentSchema = 1;

    public long Id { get; set; }

    public int SchemaVersion { get; set; } = CurrentSchema;

    public string Exchange { get; set; } = "Binance";

    public decimal? Taker { get; set; }

    public decimal? Maker { get; set; }
}

/// <summary>A user's wallet, positions and marks.</summary>
/// <remarks>Schema 1: wallet, positions, marks. Schema 2: and where each live mark came from (<see cref="MarkSources"/>).</remarks>
internal sealed class BookDocument
{
    public const int CurrentSchema = 2;

    public long Id { get; set; }

    public int SchemaVersion { get; set; } = CurrentSchema;

    public decimal? WalletBalance { get; set; }

    public List<PositionDocument> Positions { get; set; } = [];

    public Dictionary<string, decimal> Marks { get; set; } = [];

    // Schema 2; absent from schema-1 documents, where the mapper leaves this empty default.
    public Dictionary<string, MarkSourceDocument> MarkSources { get; set; } = [];

    /// <summary>
    /// The document brought to <see cref="CurrentSchema"/> as read: a schema-1 book knows no mark
    /// sources, so every mark reads as set by the user (some schema-1 documents, written before the
    /// bump, already hold sources; they are kept). Stored again at the current schema on the next save.
    /// </summary>
    public BookDocument Upgraded()
    {
        if (SchemaVersion < 2)
        {
            // Stored as null by hand-made or foreign documents; the mapper's default covers an absent field.
            MarkSources ??= [];
            Marks ??= [];
            SchemaVersion = 2;
        }

        return this;
    }
}

/// <summary>Where a live mark came from.</summary>
internal sealed class MarkSourceDocument
{
    public string Source { get; set; } = string.Empty;

    public DateTime FetchedUtc { get; set; }
}

/// <summary>One position of a book.</summary>
internal sealed class PositionDocument
{
    public string Symbol { get; set; } = string.Empty;

    public string Side { get; set; } = "Long";

    public decimal Quantity { get; set; }

    public decimal EntryPrice { get; set; }

    public decimal Leverage { get; set; } = 1m;

    public string Mode { get; set; } = "Cross";

    public decimal? IsolatedMargin { get; set; }
}

/// <summary>A conversation in progress; the id is "chat:user".</summary>
internal sealed class SessionDocument
{
    public const int CurrentSchema = 1;

    public string Id { get; set; } = string.Empty;

    public int SchemaVersion { get; set; } = CurrentSchema;

    public string Flow { get; set; } = string.Empty;

    public string State { get; set; } = string.Empty;

    public Dictionary<string, string> Answers { get; set; } = [];

    public DateTime LastActivityUtc { get; set; }
}

/// <summary>A handled message; the id is "chat:message".</summary>
internal sealed class ProcessedDocument
{
    public const int CurrentSchema = 1;

    public string Id { get; set; } = string.Empty;

    public int SchemaVersion { get; set; } = CurrentSchema;

    public DateTime HandledUtc { get; set; }
}

/// <summary>
/// A reply decided but not yet handed to the chat service; the id orders a chat's replies. The
/// payload belongs to the transport that queued it (stored as it gave it).
/// </summary>
internal sealed class OutgoingDocument
{
    public const int CurrentSchema = 1;

    public long Id { get; set; }

    public int SchemaVersion { get; set; } = CurrentSchema;

    public long ChatId { get; set; }

    public string Payload { get; set; } = string.Empty;
}

/// <summary>A user's alert settings; the id is the user id.</summary>
internal sealed class AlertSettingsDocument
{
    public const int CurrentSchema = 1;

    public long Id { get; set; }

    public int SchemaVersion { get; set; } = CurrentSchema;

    public bool Enabled { get; set; }

    public List<decimal> DistanceLevels { get; set; } = [];

    public List<decimal> MarginRatioLevels { get; set; } = [];

    // A list, not a dictionary: position keys hold dots (entry prices), which LiteDB reads as paths.
    public List<MuteDocument> MutedUntil { get; set; } = [];
}

/// <summary>One mute: a position key (or "*") and until when.</summary>
internal sealed class MuteDocument
{
    public string Key { get; set; } = string.Empty;

    public DateTime UntilUtc { get; set; }
}

/// <summary>An alert sent; the id is "user:alert key:day". Kept a day so a restart does not repeat it.</summary>
internal sealed class AlertSentDocument
{
    public const int CurrentSchema = 1;

    public string Id { get; set; } = string.Empty;

    public int SchemaVersion { get; set; } = CurrentSchema;

    /// <summary>The UTC day, as <see cref="DateOnly.DayNumber"/>.</summary>
    public int Day { get; set; }
}

/// <summary>A transport update handled (<see cref="MarginBot.Conversations.Chat.IHandledUpdates"/>): its id and when.</summary>
internal sealed class HandledUpdateDocument
{
    public const int CurrentSchema = 1;

    public long Id { get; set; }

    public int SchemaVersion { get; set; } = CurrentSchema;

    public DateTime HandledUtc { get; set; }
}
