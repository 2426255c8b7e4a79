using MarginBot.Engine.Contracts;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Exchanges;

/// <summary>
/// Bybit USDT and inverse perpetuals: base-tier fees 0.055% / 0.02%; tiers in notional, caps
/// inclusive; isolated maintenance margin valued at entry (its own closed form); cross solved at
/// account level, the requirement being maintenance margin plus the estimated fee to close.
/// </summary>
internal sealed class BybitRules : ExchangeRules
{
    public override ExchangeId Id => ExchangeId.Bybit;

    public override string Name => "Bybit";

    public override FeeSchedule DefaultFees { get; } = new(0.00055m, 0.0002m);

    public override int FundingIntervalHours => 8;

    public override TierBasis LinearTierBasis => TierBasis.QuoteNotional;

    public override TierBasis InverseTierBasis => TierBasis.BaseNotional;

    public override TierEdge TierEdge => TierEdge.CapInclusive;

    public override string IsolatedFormula => BybitLiquidation.FormulaName;

    public override string CrossFormula => AccountLevelSolver.FormulaName;

    /// <summary>Bybit's inverse contracts are worth 1 USD each.</summary>
    public override decimal DefaultInverseContractSize(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return 1m;
    }

    public override decimal Requirement(FeeSchedule fees, PricedPosition member, decimal price) => MaintenancePlusTakerFee(fees, member, price);

    public override decimal MaintenancePriceNow(PricedPosition member) =>
        member.Position.Mode == MarginMode.Isolated ? member.Position.EntryPrice : member.Mark;

    public override LiquidationResult Isolated(FeeSchedule fees, PricedPosition member, decimal margin) => BybitLiquidation.Isolated(member, margin);

    public override LiquidationResult Cross(FeeSchedule fees, ReadOnlySpan<PricedPosition> group, decimal collateral) => CrossAtAccountLevel(fees, group, collateral);
}
