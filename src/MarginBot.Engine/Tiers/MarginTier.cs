namespace MarginBot.Engine.Tiers;

/// <summary>What a tier table's floor and cap measure.</summary>
public enum TierBasis
{
    /// <summary>Position value in the quote asset (USDT): quantity × price. Binance and Bybit linear.</summary>
    QuoteNotional,

    /// <summary>Position value in the coin: contracts × size ÷ price. Binance COIN-M and Bybit inverse.</summary>
    BaseNotional,

    /// <summary>Position size in the base asset, whatever the price. OKX linear (converted from contracts).</summary>
    BaseQuantity,

    /// <summary>Number of contracts, whatever the price. OKX coin-margined swaps, whose tiers count contracts.</summary>
    Contracts,
}

/// <summary>
/// One maintenance-margin tier ("bracket", "risk limit"). Maintenance margin inside the tier is
/// notional × <see cref="MaintenanceMarginRate"/> − <see cref="MaintenanceAmount"/>.
/// </summary>
/// <param name="Number">1 for the smallest positions.</param>
/// <param name="Floor">Lower bound, in the table's basis (inclusive unless the table's <see cref="TierEdge"/> says caps are).</param>
/// <param name="Cap">Upper bound (exclusive unless the table's <see cref="TierEdge"/> says caps are inclusive); <c>null</c> is unbounded.</param>
/// <param name="MaintenanceMarginRate">A fraction: 0.004 is 0.4%.</param>
/// <param name="MaintenanceAmount">Binance "maintenance amount", Bybit "MM deduction"; 0 on OKX.</param>
/// <param name="MaxLeverage">The highest leverage the exchange allows inside the tier; <c>null</c> where the
/// dated source did not record it (then no leverage check is made against it).</param>
public sealed record MarginTier(
    int Number,
    decimal Floor,
    decimal? Cap,
    decimal MaintenanceMarginRate,
    decimal MaintenanceAmount,
    decimal? MaxLeverage)
{
    /// <summary>
    /// Maintenance margin rates lie below this bound (the exchanges' own tables end at 0.5): at 100%
    /// the requirement is the whole position value, more than any position at 1x or above holds, so
    /// it would be liquidated the moment it opened, and the closed forms divide by zero there.
    /// </summary>
    public const decimal RateBound = 1m;

    /// <summary>Maintenance margin of a position whose value in the table's basis is <paramref name="notional"/>.</summary>
    public decimal MaintenanceMargin(decimal notional) => (notional * MaintenanceMarginRate) - MaintenanceAmount;
}
