namespace MarginBot.Engine.Liquidation;

/// <summary>The last step every closed form shares: the price as a ratio, when a positive one exists.</summary>
internal static class ClosedForm
{
    // Prices beyond 10^27 are past anything that trades, and past what decimal divides into.
    private const decimal NoPriceBeyond = 1_000_000_000_000_000_000_000_000_000m;

    /// <summary>
    /// <paramref name="numerator"/> ÷ <paramref name="denominator"/> when positive; <c>null</c> when the
    /// ratio is zero or negative, or when the denominator is at or within rounding of zero (an
    /// inverse short whose collateral is its coin value): then no price liquidates the position.
    /// </summary>
    public static decimal? Price(decimal numerator, decimal denominator)
    {
        if (Math.Abs(numerator) / NoPriceBeyond >= Math.Abs(denominator))
        {
            return null;
        }

        var price = numerator / denominator;
        return price > 0 ? price : null;
    }
}
