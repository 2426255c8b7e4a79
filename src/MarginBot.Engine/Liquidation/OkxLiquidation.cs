using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;

namespace MarginBot.Engine.Liquidation;

/// <summary>
/// OKX isolated liquidation price. OKX liquidates when equity ÷ (maintenance margin + liquidation
/// fee) reaches 100%; its tiers go by position size, so the rate is fixed for a given position and
/// no search is needed (sources and date in docs/formulas.md). With k = MMR + taker rate:
/// <code>
/// USDT:    LP = (side·Q·EP − M − amount) / (Q·(side − k))   long: (EP − M/Q)/(1 − k), short: (EP + M/Q)/(1 + k)
/// inverse: LP = Q·CM·(k + side) / (M + amount + side·Q·CM/EP)
/// </code>
/// OKX tables have no maintenance amount; it is kept in the formula for user-given tables.
/// </summary>
public static class OkxLiquidation
{
    /// <summary>Formula name for answers.</summary>
    public const string FormulaName = "okx-isolated";

    /// <summary>Isolated liquidation price of <paramref name="member"/> holding <paramref name="margin"/>.</summary>
    public static LiquidationResult Isolated(PricedPosition member, decimal margin, FeeSchedule fees)
    {
        ArgumentNullException.ThrowIfNull(fees);
        var p = member.Position;
        var tier = member.Tiers.Tiers[member.TierIndexAt(p.EntryPrice)];
        var k = tier.MaintenanceMarginRate + fees.Taker;
        var side = p.Side.Sign();
        decimal? price;
        if (p.Contract.IsInverse)
        {
            var face = p.Quantity * p.Contract.ContractSize;
            var denominator = margin + tier.MaintenanceAmount + (side * face / p.EntryPrice);
            price = denominator > 0 ? face * (k + side) / denominator : null;
        }
        else
        {
            var denominator = p.Quantity * (side - k);
            price = denominator == 0 ? null : ((side * p.Quantity * p.EntryPrice) - margin - tier.MaintenanceAmount) / denominator;
        }

        return new LiquidationResult(price > 0 ? price : null, tier, FormulaName);
    }
}
