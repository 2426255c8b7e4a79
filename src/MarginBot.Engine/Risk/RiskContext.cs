namespace MarginBot.Engine.Risk;

/// <summary>Which price a stop-loss order watches.</summary>
public enum StopTrigger
{
    /// <summary>The last traded price: the usual default on the order screen.</summary>
    LastPrice,

    /// <summary>The mark price, the one liquidation uses.</summary>
    MarkPrice,
}

/// <summary>A stop-loss order.</summary>
/// <param name="Price">Trigger price, in the quote currency.</param>
/// <param name="Trigger">Last or mark price.</param>
public sealed record StopLoss(decimal Price, StopTrigger Trigger = StopTrigger.LastPrice);

/// <summary>
/// What the trader told MarginBot beyond the book: who they are, their stops, how long they hold.
/// <c>null</c> everywhere means "not said": the checks that need it are skipped, never guessed.
/// </summary>
public sealed record RiskContext
{
    /// <summary>The default share of margin that fees plus funding may take before a warning: 10%.</summary>
    public const decimal DefaultCostShareLimit = 0.10m;

    /// <summary>Nothing said; the bundled daily-move table is not attached.</summary>
    public static RiskContext None { get; } = new();

    /// <summary>New to futures.</summary>
    public bool? NewToFutures { get; init; }

    /// <summary>Liquidated before.</summary>
    public bool? LiquidatedBefore { get; init; }

    /// <summary>The cross positions are a deliberate, monitored hedge.</summary>
    public bool? DeliberateHedge { get; init; }

    /// <summary>Stop-loss by symbol; <c>null</c> when the trader did not say (then no stop check is made).</summary>
    public IReadOnlyDictionary<string, StopLoss>? Stops { get; init; }

    /// <summary>Planned holding time in hours, for funding.</summary>
    public decimal? HoldHours { get; init; }

    /// <summary>Funding rate per interval, a fraction (0.0001 is 0.01%); positive: longs pay.</summary>
    public decimal? FundingRatePerInterval { get; init; }

    /// <summary>Share of margin fees plus funding may take before <c>costs-above-margin-share</c>.</summary>
    public decimal CostShareLimit { get; init; } = DefaultCostShareLimit;

    /// <summary>How far toward the liquidation price the stop may lie (see <see cref="SizingRequest.DefaultBuffer"/>).</summary>
    public decimal StopBuffer { get; init; } = SizingRequest.DefaultBuffer;

    /// <summary>Typical daily moves for the volatility check.</summary>
    public DailyMoves DailyMoves { get; init; } = DailyMoves.Empty;
}
