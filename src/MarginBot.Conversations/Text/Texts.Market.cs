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
                return "just now";
            }

            var seconds = age.Ticks / TimeSpan.TicksPerSecond;
            return seconds < 60 ? Invariant($"{seconds} s ago")
                : seconds < 3600 ? Invariant($"{seconds / 60} min ago")
                : seconds < 48 * 3600 ? Invariant($"{seconds / 3600} h ago")
                : Invariant($"{seconds / 86400} d ago");
        }

        /// <summary>"on Binance, 8 s ago", or "no live data from Binance (reason)".</summary>
        public static string SourceAndAge<T>(MarketAnswer<T> answer, DateTimeOffset now)
            where T : class
        {
            ArgumentNullException.ThrowIfNull(answer);
            return answer.IsAvailable
                ? $"on {answer.Source}, {Age(answer.AgeAt(now))}"
                : $"no live data from {answer.Source} ({Html.Escape(answer.Reason)})";
        }

        /// <summary>"mark 60,123.4 on Binance, 8 s ago", or "no live mark price from Binance (reason)".</summary>
        public static string Mark(MarketAnswer<MarkPrice> answer, DateTimeOffset now)
        {
            ArgumentNullException.ThrowIfNull(answer);
            return answer.IsAvailable
                ? $"mark {Price(answer.Value.Price)} {SourceAndAge(answer, now)}"
                : $"no live mark price from {answer.Source} ({Html.Escape(answer.Reason)})";
        }

        /// <summary>"funding 0.0382% on Binance, 5 min ago, next at 16:00 UTC", or "no live funding rate from …".</summary>
        public static string Funding(MarketAnswer<FundingRate> answer, DateTimeOffset now)
        {
            ArgumentNullException.ThrowIfNull(answer);
            if (!answer.IsAvailable)
            {
                return $"no live funding rate from {answer.Source} ({Html.Escape(answer.Reason)})";
            }

            var next = answer.Value.NextFundingTime.ToUniversalTime();
            var at = next.Date == now.ToUniversalTime().Date
                ? next.ToString("HH:mm", CultureInfo.InvariantCulture)
                : next.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            return $"funding {FeePercent(answer.Value.Rate)} {SourceAndAge(answer, now)}, next at {at} UTC";
        }

        /// <summary>
        /// Which tier table an answer rests on: "live tiers on Bybit, 2 h ago", "bundled tiers of
        /// 2025-12-29 (no live table: reason)", "MarginBot's conservative default tiers".
        /// </summary>
        public static string Tiers(TierTable used, MarketAnswer<TierTable>? live, DateTimeOffset now)
        {
            ArgumentNullException.ThrowIfNull(used);
            var liveMissing = live is { IsAvailable: false } ? $" (no live table: {Html.Escape(live.Reason)})" : string.Empty;
            return used.Source switch
            {
                TierSource.Live when live is { IsAvailable: true } => $"live tiers {SourceAndAge(live, now)}",
                TierSource.Live => $"live tiers of {Html.Escape(used.AsOf)}",
                TierSource.Bundled => $"bundled tiers of {Html.Escape(used.AsOf)}{liveMissing}",
                TierSource.Override => "the tiers you gave",
                _ => $"MarginBot's conservative default tiers{liveMissing}",
            };
        }

        /// <summary>The reason a flow gives when the exchange did not answer within its wait.</summary>
        public static string TooSlow(string exchange, TimeSpan wait) =>
            Invariant($"{exchange} did not answer within {Math.Max(1, (long)wait.TotalSeconds)} s");

        /// <summary>The reason a flow gives, without waiting, while an exchange that just kept a flow waiting its whole wait is left alone.</summary>
        public static string StillSlow(string exchange, TimeSpan wait) =>
            Invariant($"{exchange} is slow right now (it did not answer within {Math.Max(1, (long)wait.TotalSeconds)} s a moment ago)");

        /// <summary>"Entry: mark 60,123.4 on Binance, 8 s ago (no entry given)."</summary>
        public static string EntryFromMark(MarketAnswer<MarkPrice> mark, DateTimeOffset now) =>
            $"Entry: {Mark(mark, now)} (no entry given).";

        /// <summary>No entry typed and no live price: say so plainly.</summary>
        public static string NoLiveEntry(MarketAnswer<MarkPrice> mark) =>
            $"No live price for {Html.Escape(mark.Symbol)} ({Html.Escape(mark.Reason ?? string.Empty)}), so I need the entry.";

        /// <summary>"Tiers: live tiers on Bybit, 2 h ago."</summary>
        public static string TiersLine(TierTable used, MarketAnswer<TierTable>? live, DateTimeOffset now) =>
            $"Tiers: {Tiers(used, live, now)}.";

        /// <summary>The marks of /positions live: one line per symbol.</summary>
        public static string MarksRefreshed(IReadOnlyList<MarketAnswer<MarkPrice>> marks, DateTimeOffset now) =>
            "Marks refreshed: " + string.Join("; ", marks.Select(m => Html.Escape(m.Symbol) + " " + Mark(m, now))) + ".";

        /// <summary>A stored mark's provenance: "mark 60,123.4 on Binance, 8 s ago" or "mark 60,000 (set by you)".</summary>
        public static string StoredMark(string symbol, decimal mark, Portfolio.MarkSource? source, DateTimeOffset now) =>
            source is null
                ? $"{Html.Escape(symbol)} mark {Price(mark)} (set by you)"
                : $"{Html.Escape(symbol)} mark {Price(mark)} on {Html.Escape(source.Source)}, {Age(now > source.FetchedAt ? now - source.FetchedAt : TimeSpan.Zero)}";

        public const string RefreshMarksLabel = "Refresh marks";

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
