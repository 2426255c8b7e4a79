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
        public static string WhatIfLabel => Say("alerts.button.what-if");

        public static string MuteLabel => Say("alerts.button.mute-one");

        public static string MuteAllLabel => Say("alerts.button.mute-all");

        public static string LevelsExample => Say("alerts.levels-example");

        public static string Unavailable => Say("alerts.unavailable");

        public static string Show(AlertSettings s)
        {
            (string, object?)[] levels =
            [
                ("distanceLevels", string.Join(", ", s.DistanceLevels.Select(l => Numbers.Format(l) + "%"))),
                ("ratioLevels", string.Join(", ", s.MarginRatioLevels.Select(l => Numbers.Format(l) + "%"))),
            ];
            return s.Enabled ? Say("alerts.show.on", levels) : Say("alerts.show.off", levels);
        }

        public static string Distance(int number, PositionReport r, decimal lp, decimal distance, decimal level, AlertAction action)
        {
            var p = r.Position;
            (string, object?)[] values =
            [
                ("number", number), ("symbol", p.Symbol), ("side", Words.Of(p.Side)), ("leverage", Numbers.Format(p.Leverage)), ("mode", Words.Of(p.Mode)),
                ("distance", Percent(Math.Max(distance, 0m))), ("level", Numbers.Format(level)), ("mark", Price(r.MarkPrice)), ("liquidation", Price(lp)), ("entry", Price(p.EntryPrice)),
            ];
            return action switch
            {
                AlertAction.SetStop => Say("alerts.distance.set-stop", values),
                AlertAction.AddMargin => Say("alerts.distance.add-margin", values),
                _ => Say("alerts.distance.reduce", values),
            };
        }

        public static string MarginRatio(decimal ratio, decimal level) =>
            Say("alerts.margin-ratio", ("ratio", Percent(ratio)), ("level", Numbers.Format(level)));

        public static string MutedAll(DateTimeOffset until) => Say("alerts.muted.all", ("until", Until(until)));

        public static string MutedOne(string symbol, DateTimeOffset until) =>
            Say("alerts.muted.one", ("symbol", Html.Escape(symbol)), ("until", Until(until)));

        private static string Until(DateTimeOffset until) => until.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
