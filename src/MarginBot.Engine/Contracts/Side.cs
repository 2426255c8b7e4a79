namespace MarginBot.Engine.Contracts;

/// <summary>The direction of a position.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Long and Short are the trading screen's words for the sides.")]
public enum Side
{
    /// <summary>Profits when the price rises.</summary>
    Long,

    /// <summary>Profits when the price falls.</summary>
    Short,
}

/// <summary>Arithmetic helpers for <see cref="Side"/>.</summary>
public static class SideExtensions
{
    /// <summary>+1 for a long, −1 for a short: the <c>side</c> factor of the exchanges' formulas.</summary>
    public static int Sign(this Side side) => side == Side.Long ? 1 : -1;

    /// <summary>The other side.</summary>
    public static Side Opposite(this Side side) => side == Side.Long ? Side.Short : Side.Long;
}
