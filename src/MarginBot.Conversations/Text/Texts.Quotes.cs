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
        public const string SizeExample = "Example: /size sol long 150 stop 140 risk 150";
        public const string FundingExample = "Example: /funding btc long 60000 10x 3d (optional rate such as 0.03%)";
        public const string SizeUsage = "Size a trade from the money you accept to lose: <code>/size sol long 150 stop 140 risk 150</code> (coin, side, entry, stop, risk in USDT; optional <code>wallet 1000</code> to see what cross would put at risk, optional exchange).";
        public const string SizeWorksItOut = "no leverage, size or mode: /size works out the size and the highest safe leverage (isolated). Example: /size sol long 150 stop 140 risk 150";
        public const string FundingUsage = "How funding walks an isolated liquidation price: <code>/funding btc long 60000 10x 3d</code> (coin, side, entry, leverage, holding time; optional rate such as <code>0.03%</code> per 8h, optional size such as <code>0.5 btc</code> for amounts).";
        public const string RateExample = "a funding rate per interval in percent, between -5% and 5%, such as 0.01% or -0.02%";
        public const string FundingIsolatedOnly = "isolated (or no mode): funding drift is computed for an isolated margin. Example: /funding btc long 60000 10x 3d";

        public static string SizeMissing(IReadOnlyList<string> missing) =>
            $"To size the trade I still need: <b>{string.Join(", ", missing)}</b>. Example: <code>/size sol long 150 stop 140 risk 150</code>.";

        public static string FundingMissing(IReadOnlyList<string> missing) =>
            $"For the funding drift I still need: <b>{string.Join(", ", missing)}</b>. Example: <code>/funding btc long 60000 10x 3d</code> (holding time such as 8h, 3d, 1w).";

        public static string SizeAnswer(Position p, decimal stop, decimal risk, string exchange, SizingResult s, decimal? wallet, IReadOnlyList<Finding> findings)
        {
            var coin = Symbols.BaseAsset(p.Symbol);
            var lines = new List<string>
            {
                $"<b>{p.Symbol} {Words.Of(p.Side)} @ {Price(p.EntryPrice)}, stop {Price(stop)}, risk {Money(risk)}</b> · {exchange}",
                $"Size: <b>{Qty(s.Quantity)} {coin}</b> ({Money(s.Notional)} notional): the stop loses {Money(s.LossAtStop)}, taker fees in and out included.",
            };
            var allowed = s.TierMaxLeverage is { } max ? $"the exchange allows up to {Input.Numbers.Format(max)}x at this size" : "the table records no maximum; 125x was the ceiling searched";
            lines.Add(s.MaxLeverage is { } lev
                ? $"Highest safe leverage: <b>{Input.Numbers.Format(lev)}x isolated</b> ({allowed}). Margin {Money(s.InitialMargin ?? 0m)}; " +
                  (s.LiquidationPrice is { } lp
                      ? $"liquidation ≈ {Price(lp)}, the stop is {Percent((s.StopShareOfWay ?? 0m) * 100m)} of the way there (at most 80%)."
                      : "no positive price liquidates it.")
                : "Not even 1x keeps the liquidation price far enough beyond this stop (the stop must be at most 80% of the way to it): move the stop closer or risk less.");
            lines.Add("Above that leverage, a wick or slippage past the stop can reach liquidation first.");
            if (wallet is { } w)
            {
                lines.Add(s.CrossLiquidationPrice is { } cl && s.CrossLossAtLiquidation is { } loss
                    ? $"In cross with your {Money(w)} wallet: liquidation ≈ {Price(cl)}; if the stop does not fill, a drop to it takes <b>{Money(loss)}</b>, not {Money(risk)}. Isolated fences the trade."
                    : $"In cross with your {Money(w)} wallet no positive price liquidates it; a stop that does not fill can still take far more than {Money(risk)}.");
            }

            Risk.AddFindings(lines, findings);
            lines.Add("An estimate: exchanges' rules differ, so check your exchange's own figure.");
            return string.Join("\n", lines);
        }

        /// <summary>"Live funding 0.0382% on Binance, 5 min ago, next at 16:00 UTC." or "No live funding rate was available (…): …".</summary>
        public static string FundingSource(Conversations.Market.MarketAnswer<Conversations.Market.FundingRate> live, DateTimeOffset now) =>
            live.IsAvailable
                ? $"Live: {Market.Funding(live, now)}."
                : $"No live funding rate was available ({Html.Escape(live.Reason)}): the baseline below is assumed.";

        public static string FundingAnswer(QuickCommands.LiqQuote quote, decimal hours, decimal rate, bool rateAssumed, int intervals, IReadOnlyList<FundingPoint> points, IReadOnlyList<Finding> findings, IReadOnlyList<string>? sources = null)
        {
            var p = quote.Book.Positions[0];
            var every = quote.Book.Exchange.FundingIntervalHours;
            var now = points[0];
            var last = points[^1];
            var margin = p.PositionMargin;
            var lines = new List<string>
            {
                $"<b>{p.Symbol} {Words.Of(p.Side)} @ {Price(p.EntryPrice)}, {Input.Numbers.Format(p.Leverage)}x isolated</b> · {quote.Book.Exchange.Name} · funding every {every}h",
                (rateAssumed ? $"Funding rate assumed: {FeePercent(rate)} per {every}h, the usual baseline (add your own, such as 0.03%)." : $"Funding rate: {FeePercent(rate)} per {every}h.")
                    + (rate >= 0 ? " Positive: longs pay shorts." : " Negative: shorts pay longs."),
                $"Holding {Input.Numbers.Format(hours)}h: {intervals} funding{(intervals == 1 ? string.Empty : "s")}.",
                $"Liquidation now ≈ {Lp(now.LiquidationPrice)}; after {intervals} funding{(intervals == 1 ? string.Empty : "s")} ≈ <b>{Lp(last.LiquidationPrice)}</b>.",
            };
            lines.InsertRange(1, sources ?? []);
            var share = margin > 0 ? last.FundingPaid / margin * 100m : 0m;
            var paid = last.FundingPaid >= 0 ? "paid out of" : "received into";
            lines.Add(quote.SizeGiven
                ? $"Funding {paid} the margin: {Money(Math.Abs(last.FundingPaid))} ({Percent(Math.Abs(share))} of the {Money(margin)} margin)."
                : $"Funding {paid} the margin: {Percent(Math.Abs(share))} of it (add a size such as 0.5 {Symbols.BaseAsset(p.Symbol).ToLowerInvariant()} for amounts).");
            if (last.MarginLeft <= 0)
            {
                lines.Add($"🛑 After {last.Interval} fundings the margin is gone: the position would be liquidated by funding alone.");
            }
            else if (now.LiquidationPrice is { } a && last.LiquidationPrice is { } b && a != b)
            {
                lines.Add($"Funding {(Math.Abs(b - p.EntryPrice) < Math.Abs(a - p.EntryPrice) ? "walks the liquidation price toward" : "moves the liquidation price away from")} your entry by {Input.Numbers.Format(Math.Abs(b - a))}, even if the price stays flat.");
            }

            Risk.AddFindings(lines, findings);
            lines.Add("Funding rates change every interval; this assumes the same rate throughout. An estimate: exchanges' rules differ.");
            return string.Join("\n", lines);
        }

        private static string Lp(decimal? price) => price is { } p ? Price(p) : "none (no positive price liquidates it)";
    }
}
