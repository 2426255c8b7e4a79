namespace MarginBot.Engine.Liquidation;

/// <summary>
/// Solves equity(P) = requirement(P) numerically for the positions of one symbol, every other
/// position held at its mark: the method for Bybit and OKX cross margin, whose published rules are
/// account-level, and for bankruptcy prices (requirement zero).
/// <para>
/// Tolerance: the bracket is bisected until it is narrower than <see cref="RelativeTolerance"/> of
/// the mark price (10⁻¹⁰, a hundred-millionth of a percent, far below any exchange's tick); one
/// interpolation inside it then gives the root, where equity equals the requirement. Where the
/// requirement jumps inside the bracket the end nearer the mark is returned, so that the estimate
/// errs toward warning earlier.
/// </para>
/// </summary>
public static class AccountLevelSolver
{
    /// <summary>Formula name for answers.</summary>
    public const string FormulaName = "account-level-numeric";

    /// <summary>Width of the final bracket relative to the mark price.</summary>
    public const decimal RelativeTolerance = 0.0000000001m;

    private const decimal MaxRange = 1_000_000m;

    // The twelfth decimal, where the interpolated root is cut.
    private const decimal LastDigit = 0.000000000001m;

    /// <summary>
    /// The price nearest the mark at which <paramref name="collateral"/> + Σ PnL(P) − Σ requirement(P)
    /// crosses zero, or <c>null</c> when no positive price within a factor of a million of the mark does.
    /// </summary>
    /// <param name="group">The positions that move with the price (one symbol).</param>
    /// <param name="collateral">Wallet less the other positions' requirement plus their unrealized PnL.</param>
    /// <param name="requirement">The requirement of one position at a price, in the margin asset.</param>
    public static decimal? Solve(ReadOnlySpan<PricedPosition> group, decimal collateral, Func<PricedPosition, decimal, decimal> requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        if (group.IsEmpty)
        {
            throw new ArgumentException("Nothing to solve for.", nameof(group));
        }

        var mark = group[0].Mark;
        var atMark = Surplus(group, collateral, requirement, mark);

        // Which way does the surplus fall? Above the mark for a net short, below it for a net long.
        var up = Surplus(group, collateral, requirement, mark * 1.001m);
        var down = Surplus(group, collateral, requirement, mark * 0.999m);
        var towardDanger = up < down ? 1 : -1;
        var direction = atMark > 0 ? towardDanger : -towardDanger;

        decimal safe = mark, far;
        if (direction < 0)
        {
            far = mark * RelativeTolerance;
            if (Sign(Surplus(group, collateral, requirement, far)) == Sign(atMark))
            {
                return null;
            }
        }
        else
        {
            far = mark * 2;
            while (Sign(Surplus(group, collateral, requirement, far)) == Sign(atMark))
            {
                if (far > mark * MaxRange)
                {
                    return null;
                }

                safe = far;
                far *= 2;
            }
        }

        var tolerance = mark * RelativeTolerance;
        while (Math.Abs(far - safe) > tolerance)
        {
            var middle = (safe + far) / 2;
            if (Sign(Surplus(group, collateral, requirement, middle)) == Sign(atMark))
            {
                safe = middle;
            }
            else
            {
                far = middle;
            }
        }

        // Inside the last bracket equity and requirement are straight lines (curves of negligible
        // bend for inverse contracts), so one interpolation lands on the root itself: equity meets
        // the requirement there to far more digits than any tick. Where the requirement jumps inside
        // the bracket (a tier edge without a maintenance amount) there is no root: the end of the
        // bracket on the mark's side, the one a moving price reaches first, is the answer.
        var atSafe = Surplus(group, collateral, requirement, safe);
        var atFar = Surplus(group, collateral, requirement, far);
        if (atSafe != atFar && SameTiers(group, safe, far))
        {
            // Decimal rounding can leave the root a few units of the 24th digit past the crossing:
            // cut it to 12 decimals toward the mark, one unit more if that is still past, so that it
            // never warns later than the exact price.
            var root = safe + ((far - safe) * atSafe / (atSafe - atFar));
            var towardMark = safe > far ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity;
            var unit = safe > far ? LastDigit : -LastDigit;
            root = Math.Round(root, 12, towardMark);
            for (var step = 0; step < 2; step++, root += unit)
            {
                var atRoot = Surplus(group, collateral, requirement, root);
                if ((root - safe) * (far - root) >= 0 && (atRoot == 0 || Sign(atRoot) == Sign(atMark)))
                {
                    return root;
                }
            }
        }

        return safe;
    }

    private static int Sign(decimal value) => value > 0 ? 1 : -1;

    private static bool SameTiers(ReadOnlySpan<PricedPosition> group, decimal a, decimal b)
    {
        foreach (var member in group)
        {
            if (member.TierIndexAt(a) != member.TierIndexAt(b))
            {
                return false;
            }
        }

        return true;
    }

    private static decimal Surplus(ReadOnlySpan<PricedPosition> group, decimal collateral, Func<PricedPosition, decimal, decimal> requirement, decimal price)
    {
        var surplus = collateral;
        foreach (var member in group)
        {
            surplus += member.PnlAt(price) - requirement(member, price);
        }

        return surplus;
    }
}
