using MarginBot.Engine.Contracts;

namespace MarginBot.Engine.Tiers;

/// <summary>
/// MarginBot's conservative default for a symbol with no known table. Its rates are at or above the
/// first tiers of every bundled table (2% from the first dollar, rising to 25%), so a liquidation
/// price built on it lies closer to the entry than the exchange's would: it warns early, never late.
/// Every answer built on it carries <see cref="TierSource.Fallback"/>.
/// </summary>
public static class FallbackTiers
{
    // (floor, rate, max leverage); maintenance amounts follow from continuity:
    // cum_k = cum_{k-1} + floor_k × (rate_k − rate_{k-1}).
    private static readonly (decimal Floor, decimal Rate, decimal MaxLeverage)[] QuoteSteps =
    [
        (0m, 0.02m, 25m), (5_000m, 0.025m, 20m), (25_000m, 0.05m, 10m),
        (100_000m, 0.10m, 5m), (250_000m, 0.125m, 4m), (1_000_000m, 0.25m, 2m),
    ];

    // The same shape in coin for coin-margined contracts (floors in coin).
    private static readonly (decimal Floor, decimal Rate, decimal MaxLeverage)[] CoinSteps =
    [
        (0m, 0.02m, 25m), (5m, 0.025m, 20m), (25m, 0.05m, 10m),
        (100m, 0.10m, 5m), (250m, 0.125m, 4m), (1_000m, 0.25m, 2m),
    ];

    /// <summary>
    /// The fallback table for <paramref name="symbol"/> and the contract kind, with the edge
    /// convention of the exchange it stands in for (its amounts make maintenance margin continuous,
    /// so the convention only decides the maximum leverage exactly at an edge).
    /// </summary>
    public static TierTable For(string symbol, ContractKind kind, TierEdge edge)
    {
        var (basis, steps) = kind == ContractKind.Inverse
            ? (TierBasis.BaseNotional, CoinSteps)
            : (TierBasis.QuoteNotional, QuoteSteps);
        var tiers = new List<MarginTier>(steps.Length);
        var amount = 0m;
        for (var i = 0; i < steps.Length; i++)
        {
            if (i > 0)
            {
                amount += steps[i].Floor * (steps[i].Rate - steps[i - 1].Rate);
            }

            decimal? cap = i + 1 < steps.Length ? steps[i + 1].Floor : null;
            tiers.Add(new MarginTier(i + 1, steps[i].Floor, cap, steps[i].Rate, amount, steps[i].MaxLeverage));
        }

        return new TierTable(symbol, basis, tiers, TierSource.Fallback, "MarginBot default", edge);
    }
}
