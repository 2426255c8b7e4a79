namespace MarginBot.Engine.Liquidation;

/// <summary>A closed-form liquidation price computed with one given tier of the position's table.</summary>
internal interface ITierFormula
{
    /// <summary>The price the formula gives with tier <paramref name="tierIndex"/>, or <c>null</c> when no positive price does.</summary>
    decimal? PriceWith(in PricedPosition member, int tierIndex);
}

/// <summary>
/// Finds the tier that holds the position's value <em>at the liquidation price it gives</em>: the
/// exchanges that value maintenance margin at the liquidation price (Binance always, OKX where the
/// table depends on price) publish closed forms for one tier, and exactly one tier is
/// self-consistent when maintenance margin is continuous at the edges. Where the table's basis
/// does not move with price (OKX sizes) the first step settles it.
/// </summary>
internal static class TierSearch
{
    public static LiquidationResult Solve<TFormula>(in PricedPosition member, TFormula formula, string formulaName)
        where TFormula : struct, ITierFormula
    {
        var tiers = member.Tiers.Tiers;
        var index = member.TierIndexAt(member.Mark);

        // Walk from the tier at the mark toward the tier at the computed price; with continuous
        // maintenance margin this settles in a step or two. A full scan backs it up.
        for (var step = 0; step <= tiers.Count; step++)
        {
            var price = formula.PriceWith(member, index);
            var next = price is { } p ? member.TierIndexAt(p) : 0;
            if (next == index)
            {
                return new LiquidationResult(price, tiers[index], formulaName);
            }

            index = next;
        }

        for (var i = 0; i < tiers.Count; i++)
        {
            var price = formula.PriceWith(member, i);
            if ((price is null && i == 0) || (price is { } p && member.Tiers.Contains(i, member.TierValueAt(p))))
            {
                return new LiquidationResult(price, tiers[i], formulaName);
            }
        }

        // A table whose maintenance jumps at an edge (no maintenance amount, or a user's amounts
        // that break continuity) can leave no consistent tier: answer with the tier at the mark.
        var atMark = member.TierIndexAt(member.Mark);
        return new LiquidationResult(formula.PriceWith(member, atMark), tiers[atMark], formulaName);
    }
}
