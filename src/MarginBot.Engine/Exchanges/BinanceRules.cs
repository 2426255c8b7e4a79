using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Exchanges;

/// <summary>
/// Binance USDⓈ-M and COIN-M: base-tier fees 0.05% taker, 0.02% maker; tiers in notional, floors
/// inclusive (immaterial for maintenance margin, which its amounts keep continuous); one closed form
/// with the tier at the liquidation price, isolated and cross; the requirement is maintenance margin
/// alone, valued at the mark.
/// </summary>
internal sealed class BinanceRules : ExchangeRules
{
    public override ExchangeId Id => ExchangeId.Binance;

    public override string Name => "Binance";

    public override FeeSchedule DefaultFees { get; } = new(0.0005m, 0.0002m);

    public override int FundingIntervalHours => 8;

    public override TierBasis LinearTierBasis => TierBasis.QuoteNotional;

    public override TierBasis InverseTierBasis => TierBasis.BaseNotional;

    public override TierEdge TierEdge => TierEdge.FloorInclusive;

    public override string IsolatedFormula => BinanceLiquidation.FormulaName;

    public override string CrossFormula => BinanceLiquidation.FormulaName;

    /// <summary>COIN-M: 100 USD for BTC, 10 USD for other coins.</summary>
    public override decimal DefaultInverseContractSize(string symbol) => HundredForBtcTenForOthers(symbol);

    public override decimal Requirement(FeeSchedule fees, PricedPosition member, decimal price) => member.MaintenanceMarginAt(price);

    public override decimal MaintenancePriceNow(PricedPosition member) => member.Mark;

    public override LiquidationResult Isolated(FeeSchedule fees, PricedPosition member, decimal margin) => BinanceLiquidation.Solve([member], margin);

    public override LiquidationResult Cross(FeeSchedule fees, ReadOnlySpan<PricedPosition> group, decimal collateral) => BinanceLiquidation.Solve(group, collateral);
}
