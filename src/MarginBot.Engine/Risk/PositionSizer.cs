using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Costs;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Risk;

/// <summary>What a trader plans: how much they accept to lose, where they enter and where they stop. Linear contracts.</summary>
public sealed record SizingRequest
{
    /// <summary>The default buffer: the stop may lie at most 80% of the way from the entry to the liquidation price.</summary>
    public const decimal DefaultBuffer = 0.8m;

    /// <summary>Symbol, e.g. <c>SOLUSDT</c>.</summary>
    public required string Symbol { get; init; }

    /// <summary>Long or short.</summary>
    public required Side Side { get; init; }

    /// <summary>Planned entry price. Positive.</summary>
    public required decimal EntryPrice { get; init; }

    /// <summary>Stop-loss price, on the losing side of the entry. Positive.</summary>
    public required decimal StopPrice { get; init; }

    /// <summary>The most the trade may lose at the stop, fees included, in the quote asset. Positive.</summary>
    public required decimal MaxLoss { get; init; }

    /// <summary>Whose rules apply.</summary>
    public ExchangeProfile Exchange { get; init; } = ExchangeProfile.Binance;

    /// <summary>Fee rates; <c>null</c> for the exchange's defaults.</summary>
    public FeeSchedule? Fees { get; init; }

    /// <summary>The symbol's tier table.</summary>
    public required TierTable Tiers { get; init; }

    /// <summary>How far toward the liquidation price the stop may lie, a fraction in (0, 1]. Default 0.8.</summary>
    public decimal Buffer { get; init; } = DefaultBuffer;

    /// <summary>A cross wallet to show what a stop that does not fill could cost in cross; <c>null</c> to skip.</summary>
    public decimal? CrossWallet { get; init; }
}

/// <summary>The answer of <see cref="PositionSizer.Size"/>. Amounts in the quote asset.</summary>
/// <param name="Quantity">Size in the base asset such that the loss at the stop, fees included, is the max loss.</param>
/// <param name="Notional">Quantity × entry.</param>
/// <param name="LossAtStop">The loss at the stop with both taker fees (equals the max loss up to rounding).</param>
/// <param name="MaxLeverage">The highest whole leverage, isolated, whose liquidation price leaves the stop within the buffer;
/// <c>null</c> when not even 1x does.</param>
/// <param name="TierMaxLeverage">The exchange's maximum for the tier of this notional (<c>null</c> when the table does not say; 125 is then the search's ceiling).</param>
/// <param name="LiquidationPrice">The isolated liquidation price at <paramref name="MaxLeverage"/>.</param>
/// <param name="InitialMargin">Notional ÷ <paramref name="MaxLeverage"/>.</param>
/// <param name="StopShareOfWay">|entry − stop| ÷ |entry − liquidation price| at that leverage: at most the buffer.</param>
/// <param name="Tier">The tier of the entry notional.</param>
/// <param name="CrossLiquidationPrice">With <see cref="SizingRequest.CrossWallet"/>: the liquidation price in cross.</param>
/// <param name="CrossLossAtLiquidation">With <see cref="SizingRequest.CrossWallet"/>: what a drop through a stop that does not fill would take before the cross liquidation.</param>
public sealed record SizingResult(
    decimal Quantity,
    decimal Notional,
    decimal LossAtStop,
    decimal? MaxLeverage,
    decimal? TierMaxLeverage,
    decimal? LiquidationPrice,
    decimal? InitialMargin,
    decimal? StopShareOfWay,
    MarginTier Tier,
    decimal? CrossLiquidationPrice,
    decimal? CrossLossAtLiquidation);

/// <summary>Position sizing from a money risk: quantity, notional and the highest safe leverage.</summary>
public static class PositionSizer
{
    /// <summary>Leverage the search starts from when the tier table records no maximum.</summary>
    public const decimal LeverageCeiling = 125m;

    /// <summary>
    /// Sizes the trade so that the loss at the stop, entry and exit taker fees included, is
    /// <see cref="SizingRequest.MaxLoss"/>; then finds the highest whole leverage at which the
    /// isolated liquidation price stays beyond the stop with the buffer.
    /// </summary>
    /// <exception cref="ArgumentException">The stop is not on the losing side of the entry, or a number is out of range.</exception>
    public static SizingResult Size(SizingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.EntryPrice);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.StopPrice);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.MaxLoss);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Buffer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Buffer, 1m);
        var sign = request.Side.Sign();
        if (sign * (request.EntryPrice - request.StopPrice) <= 0)
        {
            throw new ArgumentException("The stop must be on the losing side of the entry.", nameof(request));
        }

        var fees = request.Fees ?? request.Exchange.DefaultFees;
        var unit = new Position { Symbol = request.Symbol, Side = request.Side, Quantity = 1m, EntryPrice = request.EntryPrice, Mode = MarginMode.Isolated };
        var lossPerUnit = TradeCosts.LossAtStop(unit, request.StopPrice, fees.Taker);
        var quantity = request.MaxLoss / lossPerUnit;
        var sized = unit with { Quantity = quantity };
        var notional = sized.EntryNotional;
        var member = new PricedPosition(sized, request.Tiers, request.EntryPrice);
        var tier = request.Tiers.Tiers[member.TierIndexAt(request.EntryPrice)];
        var stopDistance = Math.Abs(request.EntryPrice - request.StopPrice);

        decimal? best = null, bestLp = null, bestShare = null;
        for (var leverage = Math.Floor(tier.MaxLeverage ?? LeverageCeiling); leverage >= 1m; leverage--)
        {
            var lp = MarginRules.Isolated(request.Exchange, fees, member, notional / leverage).Price;
            if (lp is null)
            {
                (best, bestLp, bestShare) = (leverage, null, 0m);
                break;
            }

            var lpDistance = sign * (request.EntryPrice - lp.Value);
            if (lpDistance > 0 && stopDistance <= request.Buffer * lpDistance)
            {
                (best, bestLp, bestShare) = (leverage, lp, stopDistance / lpDistance);
                break;
            }
        }

        decimal? crossLp = null, crossLoss = null;
        if (request.CrossWallet is { } wallet)
        {
            var crossPosition = sized with { Mode = MarginMode.Cross, Leverage = best ?? 1m };
            var report = BookAnalyzer.Analyze(new Book
            {
                Exchange = request.Exchange,
                Fees = fees,
                WalletBalance = wallet,
                Positions = [crossPosition],
                Tiers = new Dictionary<string, TierTable>(StringComparer.Ordinal) { [request.Symbol] = request.Tiers },
            });
            crossLp = report.Positions[0].LiquidationPrice;
            crossLoss = crossLp is { } p
                ? Math.Min(wallet, TradeCosts.Fee(notional, fees.Taker) + TradeCosts.Fee(quantity * p, fees.Taker) - sized.Contract.Pnl(request.Side, quantity, request.EntryPrice, p))
                : null;
        }

        return new SizingResult(
            quantity,
            notional,
            lossPerUnit * quantity,
            best,
            tier.MaxLeverage,
            bestLp,
            best is { } l ? notional / l : null,
            bestShare,
            tier,
            crossLp,
            crossLoss);
    }
}
