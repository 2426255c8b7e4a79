namespace MarginBot.Engine.Exchanges;

/// <summary>
/// Trading-fee rates as fractions of notional (0.0005 is 0.05%). Taker applies to market orders,
/// stop-loss exits and liquidations; maker to resting limit orders.
/// </summary>
public sealed record FeeSchedule
{
    /// <summary>Creates a schedule; rates must lie in [0, 0.1).</summary>
    public FeeSchedule(decimal taker, decimal maker)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taker);
        ArgumentOutOfRangeException.ThrowIfNegative(maker);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(taker, 0.1m);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maker, 0.1m);
        Taker = taker;
        Maker = maker;
    }

    /// <summary>Taker rate, a fraction.</summary>
    public decimal Taker { get; }

    /// <summary>Maker rate, a fraction.</summary>
    public decimal Maker { get; }
}
