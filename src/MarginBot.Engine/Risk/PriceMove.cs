namespace MarginBot.Engine.Risk;

/// <summary>
/// Where one symbol's price goes in a what-if step: a percentage of its mark at the start of the
/// scenario (<c>-10</c> is a 10% drop), or an absolute target price. <c>default</c> is a 0% move.
/// </summary>
public readonly record struct PriceMove
{
    private PriceMove(bool isPercent, decimal value)
    {
        IsPercent = isPercent;
        Value = value;
    }

    /// <summary>True for a percentage move; false for an absolute target.</summary>
    public bool IsPercent { get; }

    /// <summary>The percentage (−10 is −10%) or the target price in the quote currency.</summary>
    public decimal Value { get; }

    /// <summary>A move of <paramref name="percent"/> percent of the starting mark; must be above −100.</summary>
    public static PriceMove ByPercent(decimal percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percent, -100m);
        return new PriceMove(true, percent);
    }

    /// <summary>A move to the absolute <paramref name="price"/>; must be positive.</summary>
    public static PriceMove To(decimal price)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        return new PriceMove(false, price);
    }

    /// <summary>The price this move reaches from a starting mark of <paramref name="startMark"/>.</summary>
    public decimal From(decimal startMark) => IsPercent ? startMark * (1m + (Value / 100m)) : Value;
}

/// <summary>
/// One waypoint of a what-if path: a move per symbol, and optionally one move for every symbol not
/// named. A symbol that neither names stays where the previous waypoint left it.
/// </summary>
/// <param name="Symbols">Moves by symbol.</param>
/// <param name="Everything">The move of every symbol not in <paramref name="Symbols"/>, or <c>null</c>.</param>
public sealed record MoveStep(IReadOnlyDictionary<string, PriceMove> Symbols, PriceMove? Everything = null)
{
    /// <summary>The move of <paramref name="symbol"/> in this step, or <c>null</c> when it stays put.</summary>
    public PriceMove? For(string symbol) =>
        Symbols.TryGetValue(symbol, out var move) ? move : Everything;
}

/// <summary>
/// A what-if path: the prices walk from the marks through each waypoint in turn. Percentages are
/// always of the mark at the start of the scenario, so a path <c>-5%, -10%</c> ends 10% down.
/// </summary>
/// <param name="Steps">The waypoints, at least one.</param>
public sealed record MoveScenario(IReadOnlyList<MoveStep> Steps)
{
    /// <summary>One common percentage move for every symbol.</summary>
    public static MoveScenario Everything(decimal percent) =>
        new([new MoveStep(new Dictionary<string, PriceMove>(StringComparer.Ordinal), PriceMove.ByPercent(percent))]);

    /// <summary>One waypoint with a move per symbol.</summary>
    public static MoveScenario Of(IReadOnlyDictionary<string, PriceMove> moves) => new([new MoveStep(moves)]);
}
