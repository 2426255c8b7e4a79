using MarginBot.Engine.Contracts;

namespace MarginBot.Engine.Liquidation;

/// <summary>
/// Binance USDⓈ-M and COIN-M liquidation price, written line by line after Binance's FAQ
/// "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts" and its COIN-M twin
/// (sources and the date read in docs/formulas.md).
/// <code>
/// USDⓈ-M: LP = (WB − TMM1 + UPNL1 + Σcum − Σ side·Q·EP) / (Σ Q·MMR − Σ side·Q)
/// COIN-M: LP = Σ CM·Q·(MMR + side) / (WB − TMM1 + UPNL1 + Σcum + Σ CM·side·Q/EP)
/// </code>
/// The sums run over the positions that share the price: the one position in one-way mode, or the
/// long and short of one symbol in hedge mode. The tier of each is the one holding its notional
/// <em>at the liquidation price</em>: exactly one choice is self-consistent because the maintenance
/// amount makes maintenance margin continuous in notional.
/// </summary>
public static class BinanceLiquidation
{
    /// <summary>Formula name for answers.</summary>
    public const string FormulaName = "binance-closed-form";

    /// <summary>
    /// Liquidation price of <paramref name="group"/> (one position, or a long and a short of one
    /// symbol) given <paramref name="collateral"/> = WB − TMM1 + UPNL1 in the margin asset: the
    /// isolated margin for an isolated position, or the cross wallet less the other cross positions'
    /// maintenance margin plus their signed unrealized PnL.
    /// </summary>
    public static LiquidationResult Solve(ReadOnlySpan<PricedPosition> group, decimal collateral)
    {
        if (group.Length == 1)
        {
            return SolveOne(group[0], collateral);
        }

        if (group.Length == 2)
        {
            return SolvePair(group[0], group[1], collateral);
        }

        throw new ArgumentException("A liquidation price is shared by one position or by the two sides of one symbol.", nameof(group));
    }

    /// <summary>
    /// Bankruptcy price of <paramref name="group"/>: where its equity reaches zero, the same formula
    /// with no maintenance margin. Valid on every exchange, since it involves no exchange rule.
    /// </summary>
    public static decimal? Bankruptcy(ReadOnlySpan<PricedPosition> group, decimal collateral)
    {
        var terms = default(Terms);
        foreach (var member in group)
        {
            terms = terms.Add(member, 0m, 0m);
        }

        return terms.Solve(group[0].Position.Contract.IsInverse, collateral);
    }

    private static LiquidationResult SolveOne(PricedPosition member, decimal collateral) =>
        TierSearch.Solve(member, new OneTier(collateral), FormulaName);

    private static LiquidationResult SolvePair(PricedPosition a, PricedPosition b, decimal collateral)
    {
        for (var i = 0; i < a.Tiers.Tiers.Count; i++)
        {
            for (var j = 0; j < b.Tiers.Tiers.Count; j++)
            {
                var price = Price(a, i, b, j, collateral);
                if (price is null)
                {
                    if (i == 0 && j == 0)
                    {
                        return new LiquidationResult(null, a.Tiers.Tiers[0], FormulaName);
                    }

                    continue;
                }

                if (a.Tiers.Contains(i, a.TierValueAt(price.Value)) && b.Tiers.Contains(j, b.TierValueAt(price.Value)))
                {
                    return new LiquidationResult(price, a.Tiers.Tiers[i], FormulaName);
                }
            }
        }

        var ia = a.TierIndexAt(a.Mark);
        return new LiquidationResult(Price(a, ia, b, b.TierIndexAt(b.Mark), collateral), a.Tiers.Tiers[ia], FormulaName);
    }

    private static decimal? Price(PricedPosition m, int tierIndex, decimal collateral)
    {
        var terms = default(Terms).Add(m, tierIndex);
        return terms.Solve(m.Position.Contract.IsInverse, collateral);
    }

    private static decimal? Price(PricedPosition a, int ia, PricedPosition b, int ib, decimal collateral)
    {
        var terms = default(Terms).Add(a, ia).Add(b, ib);
        return terms.Solve(a.Position.Contract.IsInverse, collateral);
    }

    /// <summary>The closed form for one position with a given tier, for <see cref="TierSearch"/>.</summary>
    private readonly record struct OneTier(decimal Collateral) : ITierFormula
    {
        public decimal? PriceWith(in PricedPosition member, int tierIndex) => Price(member, tierIndex, Collateral);
    }

    /// <summary>The sums of the formula, accumulated over the group.</summary>
    private readonly record struct Terms(decimal Cum, decimal LinearEntry, decimal LinearDenominator, decimal InverseNumerator, decimal InverseEntry)
    {
        public Terms Add(PricedPosition m, int tierIndex)
        {
            var tier = m.Tiers.Tiers[tierIndex];
            return Add(m, tier.MaintenanceMarginRate, tier.MaintenanceAmount);
        }

        public Terms Add(PricedPosition m, decimal rate, decimal amount)
        {
            var p = m.Position;
            var signedQuantity = p.Side == Side.Long ? p.Quantity : -p.Quantity;
            if (!p.Contract.IsInverse)
            {
                // Only the linear sums: divisions are the costly part of decimal arithmetic.
                return this with
                {
                    Cum = Cum + amount,
                    LinearEntry = LinearEntry + (signedQuantity * p.EntryPrice),
                    LinearDenominator = LinearDenominator + (p.Quantity * rate) - signedQuantity,
                };
            }

            var face = p.Contract.ContractSize * p.Quantity;
            return this with
            {
                Cum = Cum + amount,
                InverseNumerator = InverseNumerator + (face * (rate + p.Side.Sign())),
                InverseEntry = InverseEntry + ((p.Side == Side.Long ? face : -face) / p.EntryPrice),
            };
        }

        public decimal? Solve(bool inverse, decimal collateral)
        {
            var numerator = inverse ? InverseNumerator : collateral + Cum - LinearEntry;
            var denominator = inverse ? collateral + Cum + InverseEntry : LinearDenominator;
            return ClosedForm.Price(numerator, denominator);
        }
    }
}
