using MarginBot.Engine.Costs;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Liquidation;

namespace MarginBot.Engine.Risk;

/// <summary>An isolated position after some funding intervals.</summary>
/// <param name="Interval">How many intervals have been paid (0 is now).</param>
/// <param name="FundingPaid">Funding paid so far (negative: received), in the margin asset.</param>
/// <param name="MarginLeft">Isolated margin left: the margin less the funding paid.</param>
/// <param name="LiquidationPrice">The liquidation price with that margin; <c>null</c> when no positive price liquidates it.</param>
public sealed record FundingPoint(int Interval, decimal FundingPaid, decimal MarginLeft, decimal? LiquidationPrice);

/// <summary>
/// How funding paid out of an isolated margin walks the liquidation price toward the entry
/// ("LP now 54,310; after 3 days at 0.01% per 8 h, 54,590"). Funding is charged on the notional at
/// the mark, which is held where it is.
/// </summary>
public static class FundingDrift
{
    /// <summary>
    /// The margin and liquidation price now and after each of <paramref name="intervals"/> funding
    /// intervals at <paramref name="ratePerInterval"/> (a fraction; positive: longs pay). Stops early
    /// when the margin is gone.
    /// </summary>
    public static IReadOnlyList<FundingPoint> Project(
        ExchangeProfile exchange,
        FeeSchedule fees,
        PricedPosition member,
        decimal ratePerInterval,
        int intervals)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(fees);
        ArgumentOutOfRangeException.ThrowIfNegative(intervals);
        var margin = member.Position.PositionMargin;
        var perInterval = TradeCosts.Funding(member.Position.Side, member.NotionalAt(member.Mark), ratePerInterval, 1);
        var points = new List<FundingPoint>(intervals + 1);
        for (var k = 0; k <= intervals; k++)
        {
            var paid = perInterval * k;
            var left = margin - paid;
            if (left <= 0)
            {
                points.Add(new FundingPoint(k, paid, left, member.Mark));
                break;
            }

            points.Add(new FundingPoint(k, paid, left, MarginRules.Isolated(exchange, fees, member, left).Price));
        }

        return points;
    }
}
