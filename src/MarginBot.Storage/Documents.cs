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
internal sealed class BookDocument
{
    public const int CurrentSchema = 1;

    public long Id { get; set; }

    public int SchemaVersion { get; set; } = CurrentSchema;

    public decimal? WalletBalance { get; set; }

    public List<PositionDocument> Positions { get; set; } = [];

    public Dictionary<string, decimal> Marks { get; set; } = [];
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
