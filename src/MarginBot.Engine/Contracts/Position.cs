namespace MarginBot.Engine.Contracts;

/// <summary>
/// An open (or planned) position as the trader sees it on the trading screen. Prices are in the quote
/// currency (USDT or USD); <see cref="Quantity"/> is in the base asset for linear contracts and in
/// contracts for inverse ones. Validated by the caller (the engine assumes positive numbers).
/// </summary>
public sealed record Position
{
    /// <summary>Exchange symbol, upper case, e.g. <c>BTCUSDT</c> or <c>BTCUSD</c>.</summary>
    public required string Symbol { get; init; }

    /// <summary>Long or short.</summary>
    public required Side Side { get; init; }

    /// <summary>Absolute size: base asset (linear) or contracts (inverse). Positive.</summary>
    public required decimal Quantity { get; init; }

    /// <summary>Average entry price. Positive.</summary>
    public required decimal EntryPrice { get; init; }

    /// <summary>Isolated or cross.</summary>
    public MarginMode Mode { get; init; } = MarginMode.Cross;

    /// <summary>Leverage chosen on the order screen; initial margin = entry notional ÷ leverage. Positive.</summary>
    public decimal Leverage { get; init; } = 1m;

    /// <summary>
    /// Isolated only: the margin held by the position (initial plus any added), in the margin asset.
    /// <c>null</c> means entry notional ÷ leverage.
    /// </summary>
    public decimal? IsolatedMargin { get; init; }

    /// <summary>Linear or inverse, and the contract size.</summary>
    public ContractSpec Contract { get; init; } = ContractSpec.Linear;

    /// <summary>Entry notional in the margin asset.</summary>
    public decimal EntryNotional => Contract.Notional(Quantity, EntryPrice);

    /// <summary>Margin held by an isolated position: <see cref="IsolatedMargin"/> or entry notional ÷ leverage.</summary>
    public decimal PositionMargin => IsolatedMargin ?? (EntryNotional / Leverage);
}
