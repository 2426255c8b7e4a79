using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Exchanges;

/// <summary>
/// OKX USDT and coin-margined swaps: base-tier fees 0.05% / 0.02%; tiers by position size (coin for
/// USDT swaps, contracts for coin-margined ones), caps inclusive; the liquidation fee (taker rate)
/// in the requirement; isolated by its closed form, cross solved at account level.
/// </summary>
internal sealed class OkxRules : ExchangeRules
{
    public override ExchangeId Id => ExchangeId.Okx;

    public override string Name => "OKX";

    public override FeeSchedule DefaultFees { get; } = new(0.0005m, 0.0002m);

    public override int FundingIntervalHours => 8;

    public override TierBasis LinearTierBasis => TierBasis.BaseQuantity;

    /// <summary>Coin-margined tables count contracts, as the USDT ones count size.</summary>
    public override TierBasis InverseTierBasis => TierBasis.Contracts;

    public override TierEdge TierEdge => TierEdge.CapInclusive;

    public override string IsolatedFormula => OkxLiquidation.FormulaName;

    public override string CrossFormula => AccountLevelSolver.FormulaName;

    /// <summary>100 USD for BTC, 10 USD for other coins.</summary>
    public override decimal DefaultInverseContractSize(string symbol) => HundredForBtcTenForOthers(symbol);

    public override decimal Requirement(FeeSchedule fees, PricedPosition member, decimal price) => MaintenancePlusTakerFee(fees, member, price);

    public override decimal MaintenancePriceNow(PricedPosition member) => member.Mark;

    public override LiquidationResult Isolated(FeeSchedule fees, PricedPosition member, decimal margin) => OkxLiquidation.Isolated(member, margin, fees);

    public override LiquidationResult Cross(FeeSchedule fees, ReadOnlySpan<PricedPosition> group, decimal collateral) => CrossAtAccountLevel(fees, group, collateral);
}
