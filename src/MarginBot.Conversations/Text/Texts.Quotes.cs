using MarginBot.Conversations.Input;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Risk;
using MarginBot.Engine.Warnings;

namespace MarginBot.Conversations.Text;

internal static partial class Texts
{
    /// <summary>/size and /funding.</summary>
    public static class Quotes
    {
        public const string PieceRisk = "risk";

        public static string SizeExample => Say("quote.size.example");

        public static string FundingExample => Say("quote.funding.example");

        public static string SizeUsage => Say("quote.size.usage");

        public static string SizeWorksItOut => Say("quote.size.works-it-out");

        public static string FundingUsage => Say("quote.funding.usage");

        public static string RateExample => Say("quote.funding.rate-example");

        public static string FundingIsolatedOnly => Say("quote.funding.isolated-only");

        public static string SizeMissing(IReadOnlyList<string> missing) =>
            Say("quote.size.missing", ("missing", string.Join(", ", missing)));

        public static string FundingMissing(IReadOnlyList<string> missing) =>
            Say("quote.funding.missing", ("missing", string.Join(", ", missing)));

        public static string SizeAnswer(Position p, decimal stop, decimal risk, string exchange, SizingResult s, decimal? wallet, IReadOnlyList<Finding> findings)
        {
            var lines = new List<string>
            {
                Say("quote.size.title", ("symbol", p.Symbol), ("side", Words.Of(p.Side)), ("entry", Price(p.EntryPrice)), ("stop", Price(stop)), ("risk", Money(risk)), ("exchange", exchange)),
                Say("quote.size.size", ("quantity", Qty(s.Quantity)), ("coin", Symbols.BaseAsset(p.Symbol)), ("notional", Money(s.Notional)), ("loss", Money(s.LossAtStop))),
                SafeLeverage(s),
                Say("quote.size.wick-warning"),
            };
            if (wallet is { } w)
            {
                lines.Add(s.CrossLiquidationPrice is { } cl && s.CrossLossAtLiquidation is { } loss
                    ? Say("quote.size.cross", ("wallet", Money(w)), ("liquidation", Price(cl)), ("loss", Money(loss)), ("risk", Money(risk)))
                    : Say("quote.size.cross.no-liquidation", ("wallet", Money(w)), ("risk", Money(risk))));
            }

            Risk.AddFindings(lines, findings);
            lines.Add(Say("quote.estimate-note"));
            return string.Join("\n", lines);
        }

        /// <summary>"Live funding 0.0382% on Binance, 5 min ago, next at 16:00 UTC." or "No live funding rate was available (…): …".</summary>
        public static string FundingSource(Conversations.Market.MarketAnswer<Conversations.Market.FundingRate> live, DateTimeOffset now) =>
            live.IsAvailable
                ? Say("quote.funding.live", ("funding", Market.Funding(live, now)))
                : Say("quote.funding.no-live", ("reason", Html.Escape(live.Reason)));

        public static string FundingAnswer(QuickCommands.LiqQuote quote, decimal hours, decimal rate, bool rateAssumed, int intervals, IReadOnlyList<FundingPoint> points, IReadOnlyList<Finding> findings, IReadOnlyList<string>? sources = null)
        {
            var p = quote.Book.Positions[0];
            var every = quote.Book.Exchange.FundingIntervalHours;
            var now = points[0];
            var last = points[^1];
            var margin = p.PositionMargin;
            (string, object?)[] rated = [("rate", FeePercent(rate)), ("every", every)];
            (string, object?)[] counted = [("count", intervals), ("now", Lp(now.LiquidationPrice)), ("after", Lp(last.LiquidationPrice))];
            var lines = new List<string>
            {
                Say("quote.funding.title", ("symbol", p.Symbol), ("side", Words.Of(p.Side)), ("entry", Price(p.EntryPrice)), ("leverage", Input.Numbers.Format(p.Leverage)), ("exchange", quote.Book.Exchange.Name), ("every", every)),
                (rateAssumed, rate >= 0) switch
                {
                    (true, true) => Say("quote.funding.rate.assumed.positive", rated),
                    (true, false) => Say("quote.funding.rate.assumed.negative", rated),
                    (false, true) => Say("quote.funding.rate.positive", rated),
                    (false, false) => Say("quote.funding.rate.negative", rated),
                },
                intervals == 1
                    ? Say("quote.funding.holding.one", ("hours", Input.Numbers.Format(hours)), ("count", intervals))
                    : Say("quote.funding.holding.other", ("hours", Input.Numbers.Format(hours)), ("count", intervals)),
                intervals == 1 ? Say("quote.funding.drift.one", counted) : Say("quote.funding.drift.other", counted),
            };
            lines.InsertRange(1, sources ?? []);
            var share = Percent(Math.Abs(margin > 0 ? last.FundingPaid / margin * 100m : 0m));
            (string, object?)[] amounts = [("paid", Money(Math.Abs(last.FundingPaid))), ("share", share), ("margin", Money(margin))];
            (string, object?)[] shares = [("share", share), ("coin", Symbols.BaseAsset(p.Symbol).ToLowerInvariant())];
            lines.Add((quote.SizeGiven, last.FundingPaid >= 0) switch
            {
                (true, true) => Say("quote.funding.paid", amounts),
                (true, false) => Say("quote.funding.received", amounts),
                (false, true) => Say("quote.funding.paid.share", shares),
                (false, false) => Say("quote.funding.received.share", shares),
            });
            if (last.MarginLeft <= 0)
            {
                lines.Add(Say("quote.funding.margin-gone", ("count", last.Interval)));
            }
            else if (now.LiquidationPrice is { } a && last.LiquidationPrice is { } b && a != b)
            {
                var shift = Input.Numbers.Format(Math.Abs(b - a));
                lines.Add(Math.Abs(b - p.EntryPrice) < Math.Abs(a - p.EntryPrice)
                    ? Say("quote.funding.walks-toward", ("shift", shift))
                    : Say("quote.funding.moves-away", ("shift", shift)));
            }

            Risk.AddFindings(lines, findings);
            lines.Add(Say("quote.funding.footer"));
            return string.Join("\n", lines);
        }

        /// <summary>The line on the highest safe leverage of /size, or why there is none.</summary>
        private static string SafeLeverage(SizingResult s)
        {
            if (s.MaxLeverage is not { } lev)
            {
                return Say("quote.size.leverage.none");
            }

            (string, object?)[] values = [("leverage", Input.Numbers.Format(lev)), ("margin", Money(s.InitialMargin ?? 0m))];
            var share = Percent((s.StopShareOfWay ?? 0m) * 100m);
            return (s.TierMaxLeverage, s.LiquidationPrice) switch
            {
                ({ } max, { } lp) => Say("quote.size.leverage.tier-max", [.. values, ("maxLeverage", Input.Numbers.Format(max)), ("liquidation", Price(lp)), ("stopShare", share)]),
                ({ } max, null) => Say("quote.size.leverage.tier-max.no-liquidation", [.. values, ("maxLeverage", Input.Numbers.Format(max))]),
                (null, { } lp) => Say("quote.size.leverage.no-tier-max", [.. values, ("liquidation", Price(lp)), ("stopShare", share)]),
                (null, null) => Say("quote.size.leverage.no-tier-max.no-liquidation", values),
            };
        }

        private static string Lp(decimal? price) => price is { } p ? Price(p) : Say("quote.funding.no-liquidation");
    }
}
