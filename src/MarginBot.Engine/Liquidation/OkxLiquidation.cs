using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;

namespace MarginBot.Engine.Liquidation;

/// <summary>
/// OKX isolated liquidation price. OKX liquidates when equity ÷ (maintenance margin + liquidation
/// fee) reaches 100%; its own tiers go by position size (base asset for USDT swaps, contracts for
/// coin-margined ones, each tier's maximum included), so the rate is fixed for a given position. A
/// table measured in notional (MarginBot's fallback) is searched for the tier at the price, as on
/// Binance (sources and date in docs/formulas.md). With k = MMR + taker rate:
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
        return TierSearch.Solve(member, new OkxFormula(margin, fees.Taker), FormulaName);
    }

    /// <summary>The closed form with one tier's rate: OKX's own tables go by size, so their tier never moves with price.</summary>
    private readonly record struct OkxFormula(decimal Margin, decimal Taker) : ITierFormula
    {
        public decimal? PriceWith(in PricedPosition member, int tierIndex)
        {
            var p = member.Position;
            var tier = member.Tiers.Tiers[tierIndex];
            var k = tier.MaintenanceMarginRate + Taker;
            var side = p.Side.Sign();
            if (p.Contract.IsInverse)
            {
                // A short above 1x holds less margin than its coin value (M < Q·CM/EP): numerator and
                // denominator are then both negative and their ratio is the price.
                var face = p.Quantity * p.Contract.ContractSize;
                return ClosedForm.Price(face * (k + side), Margin + tier.MaintenanceAmount + (side * face / p.EntryPrice));
            }

            return ClosedForm.Price((side * p.Quantity * p.EntryPrice) - Margin - tier.MaintenanceAmount, p.Quantity * (side - k));
        }
    }
}
