using MarginBot.Engine.Accounts;

namespace MarginBot.Engine.Risk;

/// <summary>One point of an equity curve. Amounts in the book's margin asset.</summary>
/// <param name="MovePct">The move from the marks, in percent.</param>
/// <param name="CrossEquity">Account equity with every position cross, liquidations on the way included.</param>
/// <param name="IsolatedEquity">Account equity with every position isolated, liquidations on the way included.</param>
/// <param name="CrossPnl">Each position's PnL in the cross run, in book order: unrealized while open, minus the loss once liquidated.</param>
/// <param name="IsolatedPnl">The same in the isolated run.</param>
public sealed record CurvePoint(
    decimal MovePct,
    decimal CrossEquity,
    decimal IsolatedEquity,
    IReadOnlyList<decimal> CrossPnl,
    IReadOnlyList<decimal> IsolatedPnl);

/// <summary>Equity as a function of one price (or one common move), for charts.</summary>
/// <param name="Symbol">The symbol that moves, or <c>null</c> when every symbol moves by the same percentage.</param>
/// <param name="Points">From the lowest move to the highest.</param>
/// <param name="CrossLiquidations">Liquidation points of the cross run, walking out from the marks both ways.</param>
/// <param name="IsolatedLiquidations">Liquidation points of the isolated run.</param>
public sealed record EquityCurveResult(
    string? Symbol,
    IReadOnlyList<CurvePoint> Points,
    IReadOnlyList<LiquidationEvent> CrossLiquidations,
    IReadOnlyList<LiquidationEvent> IsolatedLiquidations);

/// <summary>
/// Computes equity curves. Each point is reached by walking out from the marks (downward points
/// from 0% down, upward ones from 0% up), so a position liquidated on the way stays liquidated.
/// </summary>
public static class EquityCurve
{
    /// <summary>
    /// <paramref name="points"/> (at least 2) evenly spaced moves from <paramref name="fromPct"/> to
    /// <paramref name="toPct"/> (percent, above −100), of <paramref name="symbol"/> alone or, when
    /// <c>null</c>, of every symbol. Cost: O(positions × (points + fine steps)) per mode.
    /// </summary>
    public static EquityCurveResult Compute(
        Book book,
        decimal fromPct,
        decimal toPct,
        int points,
        string? symbol = null,
        CascadeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(fromPct, -100m);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(toPct, fromPct);
        options ??= CascadeOptions.Default;
        var moves = new decimal[points];
        for (var k = 0; k < points; k++)
        {
            moves[k] = fromPct + ((toPct - fromPct) * k / (points - 1));
        }

        var (crossBook, isolatedBook, _) = ModeComparer.Variants(book, null);
        var cross = Walk(crossBook, moves, symbol, options);
        var isolated = Walk(isolatedBook, moves, symbol, options);
        var result = new CurvePoint[points];
        for (var k = 0; k < points; k++)
        {
            result[k] = new CurvePoint(moves[k], cross.Equity[k], isolated.Equity[k], cross.Pnl[k], isolated.Pnl[k]);
        }

        return new EquityCurveResult(symbol, result, cross.Events, isolated.Events);
    }

    private static void SetTargets(CascadeWalker walker, bool[] moving, decimal[] targets, decimal movePct)
    {
        var factor = 1m + (movePct / 100m);
        for (var i = 0; i < walker.Count; i++)
        {
            if (moving[i])
            {
                targets[i] = walker.StartMark(i) * factor;
            }
        }
    }

    private static void Record(CascadeWalker walker, int k, decimal[] equity, decimal[][] pnl)
    {
        pnl[k] = new decimal[walker.Count];
        equity[k] = walker.Snapshot(pnl[k]);
    }

    private static (decimal[] Equity, decimal[][] Pnl, List<LiquidationEvent> Events) Walk(Book book, decimal[] moves, string? symbol, CascadeOptions options)
    {
        var equity = new decimal[moves.Length];
        var pnl = new decimal[moves.Length][];
        var events = new List<LiquidationEvent>();

        // Both legs start with Settle, so a position already past its trigger at the marks yields
        // the same event twice; a set finds those in O(1) where the list was scanned per event.
        var seen = new HashSet<LiquidationEvent>();
        var down = Enumerable.Range(0, moves.Length).Where(k => moves[k] < 0).Reverse().ToList();
        var up = Enumerable.Range(0, moves.Length).Where(k => moves[k] >= 0).ToList();
        foreach (var side in new[] { down, up })
        {
            if (side.Count == 0)
            {
                continue;
            }

            var walker = new CascadeWalker(book, options.Model);
            walker.Settle();
            var targets = new decimal[walker.Count];
            var moving = new bool[walker.Count];
            for (var i = 0; i < walker.Count; i++)
            {
                moving[i] = symbol is null || string.Equals(book.Positions[i].Symbol, symbol, StringComparison.Ordinal);
                targets[i] = walker.StartMark(i);
            }

            // Walk to the point nearest the marks, then along the evenly spaced points in one leg,
            // one fine step per point (plus extra steps between points when the grid is coarse).
            var perPoint = Math.Max(1, (options.StepsPerLeg + side.Count - 1) / side.Count);
            SetTargets(walker, moving, targets, moves[side[0]]);
            walker.WalkTo(targets, perPoint, _ => Record(walker, side[0], equity, pnl), perPoint);
            if (side.Count > 1)
            {
                SetTargets(walker, moving, targets, moves[side[^1]]);
                walker.WalkTo(targets, (side.Count - 1) * perPoint, s => Record(walker, side[s / perPoint], equity, pnl), perPoint);
            }

            foreach (var e in walker.Events)
            {
                if (seen.Add(e))
                {
                    events.Add(e);
                }
            }
        }

        return (equity, pnl, events);
    }
}
