using MarginBot.Engine.Contracts;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Exchanges;

/// <summary>
/// One exchange's published rules in one place: its names, default fees and funding interval, how
/// its tier tables are measured and which tier an edge belongs to, its liquidation formula family
/// (isolated, cross, the requirement at a price, where maintenance margin is valued now). Sources and
/// dates are in docs/formulas.md. A new exchange is one subclass registered in
/// <see cref="ExchangeProfile.All"/>; nothing else in the engine asks which exchange it is.
/// </summary>
/// <remarks>
/// Every rule is abstract on purpose: a new venue states each one rather than inheriting another
/// exchange's by accident. Callers go through <see cref="ExchangeProfile"/> and <see cref="MarginRules"/>.
/// </remarks>
internal abstract class ExchangeRules
{
    /// <summary>Which exchange.</summary>
    public abstract ExchangeId Id { get; }

    /// <summary>Display name (<c>Binance</c>); its lower case is the word users type.</summary>
    public abstract string Name { get; }

    /// <summary>Other words users may type for the exchange, besides its name (any case).</summary>
    public virtual IReadOnlyList<string> Aliases => [];

    /// <summary>Published base-tier fee rates; users may override them.</summary>
    public abstract FeeSchedule DefaultFees { get; }

    /// <summary>Hours between funding payments on the exchange's major perpetuals.</summary>
    public abstract int FundingIntervalHours { get; }

    /// <summary>How the exchange's linear tier tables are measured.</summary>
    public abstract TierBasis LinearTierBasis { get; }

    /// <summary>How the exchange's inverse tier tables are measured.</summary>
    public abstract TierBasis InverseTierBasis { get; }

    /// <summary>Which tier a position exactly on an edge belongs to.</summary>
    public abstract TierEdge TierEdge { get; }

    /// <summary>Name of the isolated liquidation formula, shown with every answer.</summary>
    public abstract string IsolatedFormula { get; }

    /// <summary>Name of the cross liquidation method, shown with every answer.</summary>
    public abstract string CrossFormula { get; }

    /// <summary>The usual USD face value of one inverse contract of <paramref name="symbol"/>.</summary>
    public abstract decimal DefaultInverseContractSize(string symbol);

    /// <summary>
    /// What the exchange requires of one position at <paramref name="price"/> before it liquidates,
    /// in the margin asset. A cross account is liquidated when its equity falls to the sum of these.
    /// </summary>
    public abstract decimal Requirement(FeeSchedule fees, PricedPosition member, decimal price);

    /// <summary>The price at which the exchange values the position's maintenance margin now.</summary>
    public abstract decimal MaintenancePriceNow(PricedPosition member);

    /// <summary>Liquidation price of an isolated position holding <paramref name="margin"/>.</summary>
    public abstract LiquidationResult Isolated(FeeSchedule fees, PricedPosition member, decimal margin);

    /// <summary>
    /// Liquidation price shared by the cross positions of one symbol, every other position held at
    /// its mark; <paramref name="collateral"/> as in <see cref="MarginRules.Cross"/>.
    /// </summary>
    public abstract LiquidationResult Cross(FeeSchedule fees, ReadOnlySpan<PricedPosition> group, decimal collateral);

    /// <summary>Binance COIN-M and OKX: 100 USD for BTC, 10 USD for other coins.</summary>
    protected static decimal HundredForBtcTenForOthers(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return symbol.StartsWith("BTC", StringComparison.Ordinal) ? 100m : 10m;
    }

    /// <summary>Bybit and OKX: maintenance margin plus the fee to close (Bybit) or liquidation fee (OKX), at the taker rate.</summary>
    protected static decimal MaintenancePlusTakerFee(FeeSchedule fees, PricedPosition member, decimal price)
    {
        ArgumentNullException.ThrowIfNull(fees);
        return member.MaintenanceMarginAt(price) + (fees.Taker * member.NotionalAt(price));
    }

    /// <summary>
    /// Equity = <see cref="Requirement"/> solved numerically (<see cref="AccountLevelSolver"/>): the
    /// cross method of exchanges whose published rule is account-level.
    /// </summary>
    protected LiquidationResult CrossAtAccountLevel(FeeSchedule fees, ReadOnlySpan<PricedPosition> group, decimal collateral)
    {
        var price = AccountLevelSolver.Solve(group, collateral, (m, p) => Requirement(fees, m, p));
        var first = group[0];
        var tier = first.Tiers.Tiers[first.TierIndexAt(price ?? first.Mark)];
        return new LiquidationResult(price, tier, AccountLevelSolver.FormulaName);
    }
}
