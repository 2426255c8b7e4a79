using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;

namespace MarginBot.Engine.Risk;

/// <summary>One margin mode's result in a <see cref="ModeComparison"/>. Amounts in the margin asset.</summary>
/// <param name="Mode">Every position in this mode.</param>
/// <param name="WalletBefore">The wallet before the move.</param>
/// <param name="TotalLoss">What the liquidations took.</param>
/// <param name="WalletLeft">The wallet after them.</param>
/// <param name="Liquidated">The positions liquidated, in order.</param>
/// <param name="Cascade">The whole walk.</param>
public sealed record ModeOutcome(
    MarginMode Mode,
    decimal WalletBefore,
    decimal TotalLoss,
    decimal WalletLeft,
    IReadOnlyList<Position> Liquidated,
    CascadeResult Cascade)
{
    /// <summary>
    /// What the move costs the account: equity at the marks less equity at the end, liquidations and
    /// the survivors' unrealized PnL both counted. "This wick costs you $X".
    /// </summary>
    public decimal Cost => Cascade.StartEquity - Cascade.End.Equity;
}

/// <summary>
/// The same book and move twice: every position cross, and every position isolated. Everything the
/// sentence "In cross this wick costs you $X of your $W wallet and also closes your BTC short;
/// isolated would have capped it at $Y" needs.
/// </summary>
/// <param name="Cross">Every position cross.</param>
/// <param name="Isolated">Every position isolated with the margin it uses now (or the one given).</param>
/// <param name="IsolatedMargins">The margin each position had in the isolated run, in book order.</param>
public sealed record ModeComparison(ModeOutcome Cross, ModeOutcome Isolated, IReadOnlyList<decimal> IsolatedMargins)
{
    /// <summary>Positions the cross run liquidates that the isolated run leaves open: "also closes your BTC short".</summary>
    public IReadOnlyList<Position> ClosedOnlyInCross =>
        [.. Cross.Liquidated.Where(c => !Isolated.Liquidated.Any(i => SameLeg(i, c)))];

    /// <summary>Cross loss less isolated loss: what fencing each idea would have saved (negative when cross did better).</summary>
    public decimal IsolationSaves => Cross.TotalLoss - Isolated.TotalLoss;

    /// <summary>True when the isolated margins add up to more than the wallet: the isolated run could not be opened as given.</summary>
    public bool IsolatedMarginsExceedWallet => IsolatedMargins.Sum() > Cross.WalletBefore;

    private static bool SameLeg(Position a, Position b) =>
        string.Equals(a.Symbol, b.Symbol, StringComparison.Ordinal) && a.Side == b.Side;
}

/// <summary>Compares cross and isolated on one book and one move.</summary>
public static class ModeComparer
{
    /// <summary>
    /// Runs <paramref name="scenario"/> with every position cross, then with every position isolated.
    /// The isolated margin of each position is <paramref name="isolatedMargins"/>[symbol] when given,
    /// else its isolated margin if it is isolated now, else what it uses now as cross (notional at
    /// the mark ÷ leverage).
    /// </summary>
    public static ModeComparison Compare(
        Book book,
        MoveScenario scenario,
        CascadeOptions? options = null,
        IReadOnlyDictionary<string, decimal>? isolatedMargins = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        var (crossBook, isolatedBook, margins) = Variants(book, isolatedMargins);
        var cross = Outcome(MarginMode.Cross, WhatIf.Run(crossBook, scenario, options));
        var isolated = Outcome(MarginMode.Isolated, WhatIf.Run(isolatedBook, scenario, options));
        return new ModeComparison(cross, isolated, margins);
    }

    /// <summary>The book with every position cross, and with every position isolated, and the isolated margins used.</summary>
    internal static (Book Cross, Book Isolated, decimal[] Margins) Variants(Book book, IReadOnlyDictionary<string, decimal>? isolatedMargins)
    {
        var margins = new decimal[book.Positions.Count];
        var crossPositions = new Position[book.Positions.Count];
        var isolatedPositions = new Position[book.Positions.Count];
        for (var i = 0; i < margins.Length; i++)
        {
            var position = book.Positions[i];
            margins[i] = isolatedMargins is not null && isolatedMargins.TryGetValue(position.Symbol, out var given)
                ? given
                : position.Mode == MarginMode.Isolated
                    ? position.PositionMargin
                    : position.Contract.Notional(position.Quantity, book.MarkOf(position)) / position.Leverage;
            crossPositions[i] = position with { Mode = MarginMode.Cross, IsolatedMargin = null };
            isolatedPositions[i] = position with { Mode = MarginMode.Isolated, IsolatedMargin = margins[i] };
        }

        return (book with { Positions = crossPositions }, book with { Positions = isolatedPositions }, margins);
    }

    private static ModeOutcome Outcome(MarginMode mode, CascadeResult result) => new(
        mode,
        result.StartWallet,
        result.End.TotalLoss,
        result.End.WalletBalance,
        [.. result.Events.Select(e => e.Position)],
        result);
}
