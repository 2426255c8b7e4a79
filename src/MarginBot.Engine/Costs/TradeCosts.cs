using MarginBot.Engine.Contracts;

namespace MarginBot.Engine.Costs;

/// <summary>Fees, funding and the loss at a stop: the costs that shrink margin even when the price is flat.</summary>
public static class TradeCosts
{
    /// <summary>Fee on <paramref name="notional"/> at <paramref name="rate"/> (a fraction).</summary>
    public static decimal Fee(decimal notional, decimal rate) => Math.Abs(notional) * rate;

    /// <summary>
    /// Funding intervals a hold of <paramref name="holdHours"/> crosses: rounded up, since a hold
    /// of any length can straddle a funding time.
    /// </summary>
    public static int FundingIntervals(decimal holdHours, int intervalHours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(holdHours);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalHours);
        return (int)Math.Ceiling(holdHours / intervalHours);
    }

    /// <summary>
    /// Funding the position pays over <paramref name="intervals"/> at <paramref name="rate"/> per
    /// interval (positive rate: longs pay shorts): side × rate × notional × intervals. Positive is a
    /// cost, negative an income.
    /// </summary>
    public static decimal Funding(Side side, decimal notional, decimal rate, int intervals) =>
        side.Sign() * rate * notional * intervals;

    /// <summary>
    /// What closing at <paramref name="stopPrice"/> loses, in the margin asset, fees included: the
    /// price loss plus the entry fee and the exit fee at the stop (taker: a triggered stop is a market order).
    /// Positive is a loss; a stop on the winning side gives a negative number.
    /// </summary>
    public static decimal LossAtStop(Position position, decimal stopPrice, decimal takerRate)
    {
        ArgumentNullException.ThrowIfNull(position);
        var pnl = position.Contract.Pnl(position.Side, position.Quantity, position.EntryPrice, stopPrice);
        var fees = Fee(position.EntryNotional, takerRate) + Fee(position.Contract.Notional(position.Quantity, stopPrice), takerRate);
        return fees - pnl;
    }
}
