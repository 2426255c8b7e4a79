using MarginBot.Engine.Contracts;

namespace MarginBot.Engine.Liquidation;

/// <summary>
/// Bybit isolated liquidation price, after Bybit's help "Liquidation Price (USDT Contract)" and
/// "Liquidation Price (Inverse Contract)" (sources and date in docs/formulas.md). Bybit values
/// maintenance margin at the <em>entry</em> price, so the tier is the one at entry and no search
/// is needed:
/// <code>
/// USDT:    LP = EP − side·(M − MM)/Q,          MM = Q·EP·MMR − deduction
/// inverse: LP = Q·CM / (Q·CM/EP + side·(M − MM)), MM = (Q·CM/EP)·MMR − deduction (coin)
/// </code>
/// where M is the position margin (initial plus extra margin). The unified account adds the fee to
/// close to both the initial and the maintenance margin; the two cancel in M − MM.
/// </summary>
public static class BybitLiquidation
{
    /// <summary>Formula name for answers.</summary>
    public const string FormulaName = "bybit-isolated";

    /// <summary>Isolated liquidation price of <paramref name="member"/> holding <paramref name="margin"/>.</summary>
    public static LiquidationResult Isolated(PricedPosition member, decimal margin)
    {
        var p = member.Position;
        var tier = member.Tiers.Tiers[member.TierIndexAt(p.EntryPrice)];
        var maintenance = tier.MaintenanceMargin(member.NotionalAt(p.EntryPrice));
        var side = p.Side.Sign();
        decimal? price;
        if (p.Contract.IsInverse)
        {
            var face = p.Quantity * p.Contract.ContractSize;
            var denominator = (face / p.EntryPrice) + (side * (margin - maintenance));
            price = ClosedForm.Price(face, denominator);
        }
        else
        {
            price = p.EntryPrice - (side * (margin - maintenance) / p.Quantity);
        }

        return new LiquidationResult(price > 0 ? price : null, tier, FormulaName);
    }
}
