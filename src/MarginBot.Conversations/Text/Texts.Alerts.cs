using System.Globalization;
using MarginBot.Conversations.Alerts;
using MarginBot.Conversations.Input;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;

namespace MarginBot.Conversations.Text;

internal static partial class Texts
{
    /// <summary>/alerts and the alerts themselves.</summary>
    public static class Alerts
    {
        public const string WhatIfLabel = "What if it gets there?";
        public const string MuteLabel = "Mute this position 24 h";
        public const string MuteAllLabel = "Mute all alerts 24 h";
        public const string LevelsExample = "distance levels in percent, widest first, such as /alerts 20 10 5 (or /alerts on, /alerts off)";
        public const string Unavailable = "Alerts are not available in this chat.";

        public static string Show(AlertSettings s) =>
            (s.Enabled ? "🔔 Liquidation alerts are <b>on</b>." : "🔕 Liquidation alerts are <b>off</b>. /alerts on switches them on.")
            + $"\nDistance levels: {string.Join(", ", s.DistanceLevels.Select(l => Numbers.Format(l) + "%"))} of the mark left before the liquidation price."
            + $"\nCross books: margin ratio {string.Join(", ", s.MarginRatioLevels.Select(l => Numbers.Format(l) + "%"))}."
            + "\nEach level is sent at most once per position per day, from live marks only. Change the levels with /alerts 20 10 5.";

        public static string Distance(int number, PositionReport r, decimal lp, decimal distance, decimal level, AlertAction action)
        {
            var p = r.Position;
            var act = action switch
            {
                AlertAction.SetStop => $"Set or move your stop so it closes the trade before {Price(lp)}.",
                AlertAction.AddMargin => "Add margin to push the liquidation price away, or reduce the position.",
                _ => "Reduce the position now: the exchange will close it at the liquidation price.",
            };
            return $"⚠️ <b>#{number} {p.Symbol} {Words.Of(p.Side)} {Numbers.Format(p.Leverage)}x {Words.Of(p.Mode)}</b> is {Percent(Math.Max(distance, 0m))} from liquidation (your {Numbers.Format(level)}% level).\n"
                + $"Mark {Price(r.MarkPrice)}, liquidation ≈ <b>{Price(lp)}</b>, entry {Price(p.EntryPrice)}.\n"
                + act;
        }

        public static string MarginRatio(decimal ratio, decimal level) =>
            $"⚠️ <b>Cross margin ratio {Percent(ratio)}</b> (your {Numbers.Format(level)}% level): at 100% the exchange liquidates.\n"
            + "Add to the wallet or reduce the largest cross position.";

        public static string MutedAll(DateTimeOffset until) =>
            $"🔕 All alerts muted until {Until(until)} UTC.";

        public static string MutedOne(string symbol, DateTimeOffset until) =>
            $"🔕 Alerts for {Html.Escape(symbol)} muted until {Until(until)} UTC.";

        private static string Until(DateTimeOffset until) => until.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
