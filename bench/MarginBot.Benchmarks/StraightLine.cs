using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;

namespace MarginBot.Benchmarks;

/// <summary>
/// The engine's arithmetic written as plain loops over plain arrays, with no records, no spans, no
/// tier-table type and no skipping logic: the floor its design costs on top of. Binance USDⓈ-M
/// linear only (what the benchmark books hold); each baseline benchmark asserts in its setup that
/// these give the engine's numbers to the cent, so the comparison is between equal answers.
/// </summary>
internal static class StraightLine
{
    /// <summary>
    /// Binance isolated LP, one closed form with the tier picked by hand:
    /// LP = (M + cum − s·Q·EP) / (Q·mmr − s·Q), with the tier holding Q·LP. Zero when there is none.
    /// </summary>
    public static decimal IsolatedLp(decimal quantity, decimal entry, decimal mark, decimal margin, bool isLong, decimal[] caps, decimal[] rates, decimal[] amounts)
    {
        var signed = isLong ? quantity : -quantity;
        var notional = quantity * mark;
        var tier = 0;
        while (tier < caps.Length - 1 && notional >= caps[tier])
        {
            tier++;
        }

        for (var step = 0; step <= caps.Length; step++)
        {
            var denominator = (quantity * rates[tier]) - signed;
            var lp = denominator == 0m ? 0m : (margin + amounts[tier] - (signed * entry)) / denominator;
            lp = lp > 0m ? lp : 0m;
            var next = 0;
            while (next < caps.Length - 1 && quantity * lp >= caps[next])
            {
                next++;
            }

            if (next == tier)
            {
                return lp;
            }

            tier = next;
        }

        throw new InvalidOperationException("No self-consistent tier: the benchmark tables are continuous, so this is a bug.");
    }

    /// <summary>Every position's cross LP (zero for none): one pass for the account totals, one for the prices.</summary>
    public static decimal[] CrossLps(FlatBook b)
    {
        var n = b.Quantity.Length;
        var requirement = new decimal[n];
        var pnl = new decimal[n];
        decimal totalRequirement = 0m, totalPnl = 0m;
        for (var i = 0; i < n; i++)
        {
            var notional = b.Quantity[i] * b.Mark[i];
            var caps = b.Caps[i];
            var tier = 0;
            while (tier < caps.Length - 1 && notional >= caps[tier])
            {
                tier++;
            }

            requirement[i] = (notional * b.Rates[i][tier]) - b.Amounts[i][tier];
            pnl[i] = (b.IsLong[i] ? b.Quantity[i] : -b.Quantity[i]) * (b.Mark[i] - b.Entry[i]);
            totalRequirement += requirement[i];
            totalPnl += pnl[i];
        }

        var prices = new decimal[n];
        for (var i = 0; i < n; i++)
        {
            var collateral = b.Wallet - (totalRequirement - requirement[i]) + (totalPnl - pnl[i]);
            prices[i] = IsolatedLp(b.Quantity[i], b.Entry[i], b.Mark[i], collateral, b.IsLong[i], b.Caps[i], b.Rates[i], b.Amounts[i]);
        }

        return prices;
    }

    /// <summary>
    /// The what-if walk of an all-cross book to <paramref name="movePct"/> in <paramref name="steps"/>
    /// steps, checking the account at every step; on a breach, 48 rounds of bisection inside the step
    /// find the trigger and the whole cross book closes there. Returns the end wallet and equity.
    /// </summary>
    public static (decimal Wallet, decimal Equity, int Closed) Cascade(FlatBook b, decimal movePct, int steps)
    {
        var n = b.Quantity.Length;
        var target = new decimal[n];
        var price = new decimal[n];
        for (var i = 0; i < n; i++)
        {
            target[i] = b.Mark[i] * (1m + (movePct / 100m));
        }

        var wallet = b.Wallet;
        var open = true;
        var closed = 0;
        if (CrossBreached(b, wallet, b.Mark))
        {
            wallet = CloseAll(b, wallet, b.Mark);
            open = false;
            closed = n;
        }

        for (var s = 1; s <= steps && open; s++)
        {
            var t = (decimal)s / steps;
            for (var i = 0; i < n; i++)
            {
                price[i] = b.Mark[i] + ((target[i] - b.Mark[i]) * t);
            }

            if (!CrossBreached(b, wallet, price))
            {
                continue;
            }

            var low = (decimal)(s - 1) / steps;
            var high = t;
            for (var round = 0; round < 48; round++)
            {
                var middle = (low + high) / 2m;
                for (var i = 0; i < n; i++)
                {
                    price[i] = b.Mark[i] + ((target[i] - b.Mark[i]) * middle);
                }

                if (CrossBreached(b, wallet, price))
                {
                    high = middle;
                }
                else
                {
                    low = middle;
                }
            }

            for (var i = 0; i < n; i++)
            {
                price[i] = b.Mark[i] + ((target[i] - b.Mark[i]) * high);
            }

            wallet = CloseAll(b, wallet, price);
            open = false;
            closed = n;
        }

        var equity = wallet;
        for (var i = 0; i < n && open; i++)
        {
            equity += (b.IsLong[i] ? b.Quantity[i] : -b.Quantity[i]) * (target[i] - b.Entry[i]);
        }

        return (wallet, equity, closed);
    }

    /// <summary>
    /// Equity at each of <paramref name="points"/> common moves from <paramref name="fromPct"/> to
    /// <paramref name="toPct"/>, walking out from the marks both ways: every position cross (the
    /// account checked at each point), then every position isolated with the margin notional ÷ leverage
    /// at the mark (each closed at its own LP once passed).
    /// </summary>
    public static (decimal[] Cross, decimal[] Isolated) EquityCurve(FlatBook b, decimal fromPct, decimal toPct, int points)
    {
        var moves = new decimal[points];
        for (var k = 0; k < points; k++)
        {
            moves[k] = fromPct + ((toPct - fromPct) * k / (points - 1));
        }

        var n = b.Quantity.Length;
        var margin = new decimal[n];
        var lp = new decimal[n];
        for (var i = 0; i < n; i++)
        {
            margin[i] = b.Quantity[i] * b.Mark[i] / b.Leverage[i];
            lp[i] = IsolatedLp(b.Quantity[i], b.Entry[i], b.Mark[i], margin[i], b.IsLong[i], b.Caps[i], b.Rates[i], b.Amounts[i]);
        }

        var cross = new decimal[points];
        var isolated = new decimal[points];
        var price = new decimal[n];
        var alive = new bool[n];
        var split = 0;
        while (split < points && moves[split] < 0m)
        {
            split++;
        }

        // Down from the point nearest the marks, then up: each leg starts from the marks.
        for (var leg = 0; leg < 2; leg++)
        {
            var first = leg == 0 ? split - 1 : split;
            var last = leg == 0 ? 0 : points - 1;
            var direction = leg == 0 ? -1 : 1;
            if (leg == 0 ? split == 0 : split == points)
            {
                continue;
            }

            // Cross: the account checked at every point; on a breach the whole book closes at the trigger.
            var wallet = b.Wallet;
            var open = !CrossBreached(b, wallet, b.Mark);
            if (!open)
            {
                wallet = CloseAll(b, wallet, b.Mark);
            }

            var previous = 0m;
            for (var k = first; k != last + direction; k += direction)
            {
                var factor = 1m + (moves[k] / 100m);
                for (var i = 0; i < n; i++)
                {
                    price[i] = b.Mark[i] * factor;
                }

                if (open && CrossBreached(b, wallet, price))
                {
                    var low = previous;
                    var high = moves[k];
                    for (var round = 0; round < 48; round++)
                    {
                        var middle = (low + high) / 2m;
                        for (var i = 0; i < n; i++)
                        {
                            price[i] = b.Mark[i] * (1m + (middle / 100m));
                        }

                        if (CrossBreached(b, wallet, price))
                        {
                            high = middle;
                        }
                        else
                        {
                            low = middle;
                        }
                    }

                    for (var i = 0; i < n; i++)
                    {
                        price[i] = b.Mark[i] * (1m + (high / 100m));
                    }

                    wallet = CloseAll(b, wallet, price);
                    open = false;
                }

                var equity = wallet;
                for (var i = 0; i < n && open; i++)
                {
                    equity += (b.IsLong[i] ? b.Quantity[i] : -b.Quantity[i]) * ((b.Mark[i] * factor) - b.Entry[i]);
                }

                cross[k] = equity;
                previous = moves[k];
            }

            // Isolated: each position closed at its own LP once the price passed it.
            wallet = b.Wallet;
            for (var i = 0; i < n; i++)
            {
                alive[i] = true;
                if (lp[i] > 0m && (b.IsLong[i] ? b.Mark[i] <= lp[i] : b.Mark[i] >= lp[i]))
                {
                    wallet -= IsolatedLoss(b, i, margin[i], b.Mark[i]);
                    alive[i] = false;
                }
            }

            for (var k = first; k != last + direction; k += direction)
            {
                var factor = 1m + (moves[k] / 100m);
                var equity = 0m;
                for (var i = 0; i < n; i++)
                {
                    if (!alive[i])
                    {
                        continue;
                    }

                    var p = b.Mark[i] * factor;
                    if (lp[i] > 0m && (b.IsLong[i] ? p <= lp[i] : p >= lp[i]))
                    {
                        wallet -= IsolatedLoss(b, i, margin[i], lp[i]);
                        alive[i] = false;
                        continue;
                    }

                    equity += (b.IsLong[i] ? b.Quantity[i] : -b.Quantity[i]) * (p - b.Entry[i]);
                }

                isolated[k] = wallet + equity;
            }
        }

        return (cross, isolated);
    }

    private static decimal IsolatedLoss(FlatBook b, int i, decimal margin, decimal at)
    {
        var pnl = (b.IsLong[i] ? b.Quantity[i] : -b.Quantity[i]) * (at - b.Entry[i]);
        return Math.Min(margin, -pnl) + (b.Taker * b.Quantity[i] * at);
    }

    private static bool CrossBreached(FlatBook b, decimal wallet, decimal[] price)
    {
        decimal equity = wallet, requirement = 0m;
        for (var i = 0; i < b.Quantity.Length; i++)
        {
            var notional = b.Quantity[i] * price[i];
            var caps = b.Caps[i];
            var tier = 0;
            while (tier < caps.Length - 1 && notional >= caps[tier])
            {
                tier++;
            }

            equity += (b.IsLong[i] ? b.Quantity[i] : -b.Quantity[i]) * (price[i] - b.Entry[i]);
            requirement += (notional * b.Rates[i][tier]) - b.Amounts[i][tier];
        }

        return equity <= requirement;
    }

    /// <summary>Closes every cross position at <paramref name="price"/>: the wallet takes each PnL less the taker fee, never below zero.</summary>
    private static decimal CloseAll(FlatBook b, decimal wallet, decimal[] price)
    {
        for (var i = 0; i < b.Quantity.Length; i++)
        {
            var pnl = (b.IsLong[i] ? b.Quantity[i] : -b.Quantity[i]) * (price[i] - b.Entry[i]);
            wallet -= (b.Taker * b.Quantity[i] * price[i]) - pnl;
        }

        return Math.Max(0m, wallet);
    }
}

/// <summary>A book as parallel arrays of plain decimals, the tier tables as arrays of caps, rates and amounts.</summary>
internal sealed class FlatBook
{
    public required decimal Wallet { get; init; }

    public required decimal Taker { get; init; }

    public required decimal[] Quantity { get; init; }

    public required decimal[] Entry { get; init; }

    public required decimal[] Mark { get; init; }

    public required decimal[] Leverage { get; init; }

    public required bool[] IsLong { get; init; }

    public required decimal[][] Caps { get; init; }

    public required decimal[][] Rates { get; init; }

    public required decimal[][] Amounts { get; init; }

    /// <summary>Flattens a Binance linear book (set-up only, not measured).</summary>
    public static FlatBook Of(Book book)
    {
        var positions = book.Positions;
        var tables = positions.Select(p => book.TiersOf(p.Symbol)).ToArray();
        return new FlatBook
        {
            Wallet = book.WalletBalance,
            Taker = book.EffectiveFees.Taker,
            Quantity = [.. positions.Select(p => p.Quantity)],
            Entry = [.. positions.Select(p => p.EntryPrice)],
            Mark = [.. positions.Select(book.MarkOf)],
            Leverage = [.. positions.Select(p => p.Leverage)],
            IsLong = [.. positions.Select(p => p.Side == Side.Long)],
            Caps = [.. tables.Select(CapsOf)],
            Rates = [.. tables.Select(t => t.Tiers.Select(x => x.MaintenanceMarginRate).ToArray())],
            Amounts = [.. tables.Select(t => t.Tiers.Select(x => x.MaintenanceAmount).ToArray())],
        };
    }

    /// <summary>The caps of a table as plain decimals, the last one unbounded.</summary>
    public static decimal[] CapsOf(TierTable table) =>
        [.. table.Tiers.Select((t, i) => i == table.Tiers.Count - 1 ? decimal.MaxValue : t.Cap!.Value)];
}

/// <summary>Set-up checks that a baseline computes the engine's numbers: a benchmark of unequal answers compares nothing.</summary>
internal static class Agreement
{
    /// <summary>Throws unless <paramref name="baseline"/> and <paramref name="engine"/> agree to the cent at every index.</summary>
    public static void ToTheCent(string what, IReadOnlyList<decimal> baseline, IReadOnlyList<decimal> engine)
    {
        if (baseline.Count != engine.Count)
        {
            throw new InvalidOperationException($"{what}: the baseline gave {baseline.Count} figures, the engine {engine.Count}.");
        }

        for (var i = 0; i < baseline.Count; i++)
        {
            if (Math.Abs(baseline[i] - engine[i]) >= 0.01m)
            {
                throw new InvalidOperationException(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"{what}: figure {i} differs: baseline {baseline[i]}, engine {engine[i]}."));
            }
        }
    }
}
