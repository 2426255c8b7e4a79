using MarginBot.Engine.Exchanges;

namespace MarginBot.Engine.Liquidation;

/// <summary>
/// Each exchange's published rule, asked of its rules object (<see cref="ExchangeProfile"/>): which
/// formula gives a liquidation price, and what the exchange counts as the requirement a cross
/// account must cover.
/// </summary>
public static class MarginRules
{
    /// <summary>
    /// What the exchange requires of one position at <paramref name="price"/> before it liquidates,
    /// in the margin asset: maintenance margin, plus on Bybit the estimated fee to close and on OKX
    /// the liquidation fee (both at the taker rate). The account is liquidated when its cross
    /// equity falls to the sum of these.
    /// </summary>
    public static decimal Requirement(ExchangeProfile exchange, FeeSchedule fees, PricedPosition member, decimal price)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(fees);
        return exchange.Rules.Requirement(fees, member, price);
    }

    /// <summary>
    /// The maintenance margin the exchange holds the position to now, and its tier: at the mark,
    /// except Bybit isolated, which values it at entry.
    /// </summary>
    public static (decimal MaintenanceMargin, Tiers.MarginTier Tier) MaintenanceNow(ExchangeProfile exchange, PricedPosition member)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var price = exchange.Rules.MaintenancePriceNow(member);
        var tier = member.Tiers.Tiers[member.TierIndexAt(price)];
        return (tier.MaintenanceMargin(member.NotionalAt(price)), tier);
    }

    /// <summary>Liquidation price of an isolated position holding <paramref name="margin"/>.</summary>
    public static LiquidationResult Isolated(ExchangeProfile exchange, FeeSchedule fees, PricedPosition member, decimal margin)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return exchange.Rules.Isolated(fees, member, margin);
    }

    /// <summary>
    /// Liquidation price shared by the cross positions of one symbol (<paramref name="group"/>),
    /// every other position held at its mark. <paramref name="collateral"/> is the cross wallet less
    /// the other cross positions' requirement plus their signed unrealized PnL.
    /// </summary>
    public static LiquidationResult Cross(ExchangeProfile exchange, FeeSchedule fees, ReadOnlySpan<PricedPosition> group, decimal collateral)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return exchange.Rules.Cross(fees, group, collateral);
    }
}
