using System.Globalization;
using MarginBot.Conversations.Market;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Text;

internal static partial class Texts
{
    /// <summary>Where a live figure came from and how old it is: "mark 60,123.4 on Binance, 8 s ago".</summary>
    public static class Market
    {
        /// <summary>"just now", "8 s ago", "3 min ago", "5 h ago", "2 d ago": whole units, rounded down.</summary>
        public static string Age(TimeSpan age)
        {
            if (age < TimeSpan.FromSeconds(1))
            {
                return Say("market.age.just-now");
            }

            var seconds = age.Ticks / TimeSpan.TicksPerSecond;
            return seconds < 60 ? Say("market.age.seconds", ("count", seconds))
                : seconds < 3600 ? Say("market.age.minutes", ("count", seconds / 60))
                : seconds < 48 * 3600 ? Say("market.age.hours", ("count", seconds / 3600))
                : Say("market.age.days", ("count", seconds / 86400));
        }

        /// <summary>"on Binance, 8 s ago", or "no live data from Binance (reason)".</summary>
        public static string SourceAndAge<T>(MarketAnswer<T> answer, DateTimeOffset now)
            where T : class
        {
            ArgumentNullException.ThrowIfNull(answer);
            return answer.IsAvailable
                ? Say("market.source", ("source", answer.Source), ("age", Age(answer.AgeAt(now))))
                : Say("market.source.unavailable", ("source", answer.Source), ("reason", Html.Escape(answer.Reason)));
        }

        /// <summary>"mark 60,123.4 on Binance, 8 s ago", or "no live mark price from Binance (reason)".</summary>
        public static string Mark(MarketAnswer<MarkPrice> answer, DateTimeOffset now)
        {
            ArgumentNullException.ThrowIfNull(answer);
            return answer.IsAvailable
                ? Say("market.mark", ("price", Price(answer.Value.Price)), ("source", answer.Source), ("age", Age(answer.AgeAt(now))))
                : Say("market.mark.unavailable", ("source", answer.Source), ("reason", Html.Escape(answer.Reason)));
        }

        /// <summary>"funding 0.0382% on Binance, 5 min ago, next at 16:00 UTC", or "no live funding rate from …".</summary>
        public static string Funding(MarketAnswer<FundingRate> answer, DateTimeOffset now)
        {
            ArgumentNullException.ThrowIfNull(answer);
            if (!answer.IsAvailable)
            {
                return Say("market.funding.unavailable", ("source", answer.Source), ("reason", Html.Escape(answer.Reason)));
            }

            var next = answer.Value.NextFundingTime.ToUniversalTime();
            var at = next.Date == now.ToUniversalTime().Date
                ? next.ToString("HH:mm", CultureInfo.InvariantCulture)
                : next.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            return Say("market.funding", ("rate", FeePercent(answer.Value.Rate)), ("source", answer.Source), ("age", Age(answer.AgeAt(now))), ("next", at));
        }

        /// <summary>
        /// Which tier table an answer rests on: "live tiers on Bybit, 2 h ago", "bundled tiers of
        /// 2025-12-29 (no live table: reason)", "MarginBot's conservative default tiers".
        /// </summary>
        public static string Tiers(TierTable used, MarketAnswer<TierTable>? live, DateTimeOffset now)
        {
            ArgumentNullException.ThrowIfNull(used);
            var missing = live is { IsAvailable: false } ? Html.Escape(live.Reason) : null;
            return used.Source switch
            {
                TierSource.Live when live is { IsAvailable: true } => Say("market.tiers.live", ("source", live.Source), ("age", Age(live.AgeAt(now)))),
                TierSource.Live => Say("market.tiers.live-of", ("asOf", Html.Escape(used.AsOf))),
                TierSource.Bundled when missing is not null => Say("market.tiers.bundled.no-live", ("asOf", Html.Escape(used.AsOf)), ("reason", missing)),
                TierSource.Bundled => Say("market.tiers.bundled", ("asOf", Html.Escape(used.AsOf))),
                TierSource.Override => Say("market.tiers.override"),
                _ when missing is not null => Say("market.tiers.default.no-live", ("reason", missing)),
                _ => Say("market.tiers.default"),
            };
        }

        /// <summary>The reason a flow gives when the exchange did not answer within its wait.</summary>
        public static string TooSlow(string exchange, TimeSpan wait) =>
            Say("market.too-slow", ("exchange", exchange), ("seconds", Math.Max(1, (long)wait.TotalSeconds)));

        /// <summary>The reason a flow gives, without waiting, while an exchange that just kept a flow waiting its whole wait is left alone.</summary>
        public static string StillSlow(string exchange, TimeSpan wait) =>
            Say("market.still-slow", ("exchange", exchange), ("seconds", Math.Max(1, (long)wait.TotalSeconds)));

        /// <summary>"Entry: mark 60,123.4 on Binance, 8 s ago (no entry given)."</summary>
        public static string EntryFromMark(MarketAnswer<MarkPrice> mark, DateTimeOffset now) =>
            Say("market.entry-from-mark", ("mark", Mark(mark, now)));

        /// <summary>No entry typed and no live price: say so plainly.</summary>
        public static string NoLiveEntry(MarketAnswer<MarkPrice> mark) =>
            Say("market.no-live-entry", ("symbol", Html.Escape(mark.Symbol)), ("reason", Html.Escape(mark.Reason ?? string.Empty)));

        /// <summary>"Tiers: live tiers on Bybit, 2 h ago."</summary>
        public static string TiersLine(TierTable used, MarketAnswer<TierTable>? live, DateTimeOffset now) =>
            Say("market.tiers-line", ("tiers", Tiers(used, live, now)));

        /// <summary>The marks of /positions live: one line per symbol.</summary>
        public static string MarksRefreshed(IReadOnlyList<MarketAnswer<MarkPrice>> marks, DateTimeOffset now) =>
            Say("market.marks-refreshed", ("marks", string.Join("; ", marks.Select(m => Html.Escape(m.Symbol) + " " + Mark(m, now)))));

        /// <summary>A stored mark's provenance: "mark 60,123.4 on Binance, 8 s ago" or "mark 60,000 (set by you)".</summary>
        public static string StoredMark(string symbol, decimal mark, Portfolio.MarkSource? source, DateTimeOffset now) =>
            source is null
                ? Say("market.stored-mark.yours", ("symbol", Html.Escape(symbol)), ("mark", Price(mark)))
                : Say("market.stored-mark", ("symbol", Html.Escape(symbol)), ("mark", Price(mark)), ("source", Html.Escape(source.Source)), ("age", Age(now > source.FetchedAt ? now - source.FetchedAt : TimeSpan.Zero)));

        public static string RefreshMarksLabel => Say("market.button.refresh-marks");
    }
}
