using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Liquidation;

/// <summary>
/// An estimated liquidation price and what it rests on.
/// </summary>
/// <param name="Price">The mark price at which the exchange would liquidate; <c>null</c> when no
/// positive price can liquidate the position (Binance shows "--"): not an error.</param>
/// <param name="Tier">The maintenance-margin tier used: the one holding the position's value at that
/// price, under the exchange's edge convention; at entry for Bybit isolated, which values
/// maintenance margin there (OKX's own tables go by size, the same at any price).</param>
/// <param name="Formula">Which formula produced the price; docs/formulas.md explains each.</param>
public sealed record LiquidationResult(decimal? Price, MarginTier Tier, string Formula)
{
    /// <summary>True when some positive price liquidates the position.</summary>
    public bool HasPrice => Price is not null;
}
