using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Costs;
using MarginBot.Engine.Warnings;

namespace MarginBot.Engine.Risk;

/// <summary>
/// The article's mistakes, detected from the numbers: cross while new, leverage too high for the
/// stop or for a typical day, idle funds under cross, unhedged cross books, fees and funding eating
/// the margin, missing or misplaced stops. Complements <see cref="BookFindings"/> (tier fallback and
/// leverage above the tier's maximum are reported there).
/// </summary>
public static class RiskFindings
{
    /// <summary>Net exposure, as a share of gross, above which several cross positions count as unhedged.</summary>
    public const decimal UnhedgedNetShare = 0.5m;

    /// <summary>Findings for <paramref name="book"/>, its <paramref name="report"/> and what the trader said.</summary>
    public static IReadOnlyList<Finding> Detect(Book book, BookReport report, RiskContext context)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        var findings = new List<Finding>();
        var cross = report.Positions.Where(r => r.Position.Mode == MarginMode.Cross).ToList();
        var crossSymbols = cross.Select(r => r.Position.Symbol).Distinct(StringComparer.Ordinal).Count();

        if (cross.Count > 0 && (context.NewToFutures == true || context.LiquidatedBefore == true))
        {
            findings.Add(Finding.Of(
                WarningCodes.CrossWhileNew, Severity.Warning, null,
                ("crossPositions", cross.Count),
                ("newToFutures", context.NewToFutures == true ? 1m : 0m),
                ("liquidatedBefore", context.LiquidatedBefore == true ? 1m : 0m)));
        }

        if (cross.Count > 0 && report.Account.IdleFunds > 0)
        {
            var largest = cross.MaxBy(r => r.Notional)!;
            var exposure = IdleFunds.Analyze(book);
            var effect = exposure.Effects.First(e => ReferenceEquals(e.Position, largest.Position));
            var figures = new List<(string, decimal)>
            {
                ("idleFunds", report.Account.IdleFunds),
                ("wallet", report.Account.WalletBalance),
            };
            if (effect.LiquidationPriceWithIdle is { } with)
            {
                figures.Add(("liquidationPrice", with));
            }

            if (effect.LiquidationPriceWithoutIdle is { } without)
            {
                figures.Add(("liquidationPriceWithoutIdle", without));
            }

            findings.Add(Finding.Of(WarningCodes.CrossIdleFunds, Severity.Warning, largest.Position.Symbol, [.. figures]));
        }

        if (crossSymbols > 1 && context.DeliberateHedge != true)
        {
            var longs = cross.Where(r => r.Position.Side == Side.Long).Sum(r => r.Notional);
            var shorts = cross.Where(r => r.Position.Side == Side.Short).Sum(r => r.Notional);
            var netShare = longs + shorts > 0 ? Math.Abs(longs - shorts) / (longs + shorts) : 0m;
            if (context.DeliberateHedge == false || netShare >= UnhedgedNetShare)
            {
                findings.Add(Finding.Of(
                    WarningCodes.CrossUnhedged, Severity.Warning, null,
                    ("crossPositions", cross.Count), ("longNotional", longs), ("shortNotional", shorts), ("netSharePct", netShare * 100m)));
            }
        }

        foreach (var r in report.Positions)
        {
            PositionFindings(book, r, context, findings);
        }

        return findings;
    }

    private static void PositionFindings(Book book, PositionReport r, RiskContext context, List<Finding> findings)
    {
        var position = r.Position;
        var symbol = position.Symbol;
        var lp = r.LiquidationPrice;
        var sign = position.Side.Sign();

        if (lp is not null && r.DistanceToLiquidationPct is { } distance and > 0)
        {
            if (context.DailyMoves.For(symbol) is { } daily)
            {
                if (distance <= daily)
                {
                    findings.Add(Finding.Of(
                        WarningCodes.LiquidationWithinDailyMove, Severity.Warning, symbol,
                        ("distancePct", distance), ("dailyMovePct", daily), ("leverage", position.Leverage)));
                }
            }
            else if (!findings.Any(f => f.Code == WarningCodes.NoDailyMoveData && f.Symbol == symbol))
            {
                findings.Add(Finding.Of(WarningCodes.NoDailyMoveData, Severity.Info, symbol));
            }
        }

        CostFinding(book, r, context, findings);

        if (context.Stops is null)
        {
            return;
        }

        if (!context.Stops.TryGetValue(symbol, out var stop))
        {
            findings.Add(Finding.Of(WarningCodes.NoStopLoss, Severity.Warning, symbol, ("leverage", position.Leverage)));
            return;
        }

        if (lp is { } price)
        {
            var stopDistance = sign * (position.EntryPrice - stop.Price);
            var lpDistance = sign * (position.EntryPrice - price);
            if (sign * (stop.Price - price) <= 0)
            {
                findings.Add(Finding.Of(
                    WarningCodes.StopBeyondLiquidation, Severity.Danger, symbol,
                    ("stop", stop.Price), ("liquidationPrice", price), ("leverage", position.Leverage)));
            }
            else if (stopDistance > 0 && lpDistance > 0 && stopDistance > context.StopBuffer * lpDistance)
            {
                findings.Add(Finding.Of(
                    WarningCodes.StopNearLiquidation, Severity.Warning, symbol,
                    ("stop", stop.Price), ("liquidationPrice", price), ("shareOfWayPct", stopDistance / lpDistance * 100m),
                    ("bufferPct", context.StopBuffer * 100m), ("leverage", position.Leverage)));
            }
        }

        if (stop.Trigger == StopTrigger.LastPrice)
        {
            findings.Add(lp is { } liq
                ? Finding.Of(WarningCodes.StopOnLastPrice, Severity.Info, symbol, ("stop", stop.Price), ("liquidationPrice", liq))
                : Finding.Of(WarningCodes.StopOnLastPrice, Severity.Info, symbol, ("stop", stop.Price)));
        }
    }

    private static void CostFinding(Book book, PositionReport r, RiskContext context, List<Finding> findings)
    {
        var margin = r.InitialMargin;
        if (margin <= 0)
        {
            return;
        }

        var intervals = context.HoldHours is { } hours ? TradeCosts.FundingIntervals(hours, book.Exchange.FundingIntervalHours) : 0;
        var funding = context.FundingRatePerInterval is { } rate
            ? Math.Max(0m, TradeCosts.Funding(r.Position.Side, r.Notional, rate, intervals))
            : 0m;
        var fees = r.EntryFee + r.ExitFee;
        var share = (fees + funding) / margin;
        if (share > context.CostShareLimit)
        {
            findings.Add(Finding.Of(
                WarningCodes.CostsAboveMarginShare, Severity.Warning, r.Position.Symbol,
                ("fees", fees), ("funding", funding), ("intervals", intervals), ("margin", margin),
                ("sharePct", share * 100m), ("limitPct", context.CostShareLimit * 100m)));
        }
    }
}
