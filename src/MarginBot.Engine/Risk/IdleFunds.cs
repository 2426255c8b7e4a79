using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;

namespace MarginBot.Engine.Risk;

/// <summary>One cross position's liquidation price with and without the idle funds behind it.</summary>
/// <param name="Position">The cross position.</param>
/// <param name="LiquidationPriceWithIdle">With the whole wallet, as now; <c>null</c> when no positive price liquidates it.</param>
/// <param name="LiquidationPriceWithoutIdle">With the idle funds moved out of the futures wallet.</param>
public sealed record IdleFundsEffect(Position Position, decimal? LiquidationPriceWithIdle, decimal? LiquidationPriceWithoutIdle);

/// <summary>
/// Money in the futures wallet not posted as margin, which a cross liquidation can consume
/// ("liquidation fuel"), and how far it pushes each cross liquidation price.
/// </summary>
/// <param name="IdleFunds">Wallet not posted as margin (the analyzer's idle funds).</param>
/// <param name="ExposedToCross">The idle funds a cross liquidation can consume: all of them when a cross position is open, else 0.</param>
/// <param name="Effects">One per cross position, in book order.</param>
public sealed record IdleFundsExposure(decimal IdleFunds, decimal ExposedToCross, IReadOnlyList<IdleFundsEffect> Effects);

/// <summary>Computes <see cref="IdleFundsExposure"/>.</summary>
public static class IdleFunds
{
    /// <summary>
    /// Analyzes <paramref name="book"/> as it is and again with its idle funds taken out of the
    /// wallet, and pairs each cross position's two liquidation prices.
    /// </summary>
    public static IdleFundsExposure Analyze(Book book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var now = BookAnalyzer.Analyze(book);
        var idle = now.Account.IdleFunds;
        var without = BookAnalyzer.Analyze(book with { WalletBalance = book.WalletBalance - idle });
        var effects = new List<IdleFundsEffect>();
        for (var i = 0; i < now.Positions.Count; i++)
        {
            if (now.Positions[i].Position.Mode == MarginMode.Cross)
            {
                effects.Add(new IdleFundsEffect(now.Positions[i].Position, now.Positions[i].LiquidationPrice, without.Positions[i].LiquidationPrice));
            }
        }

        return new IdleFundsExposure(idle, effects.Count > 0 ? idle : 0m, effects);
    }
}
