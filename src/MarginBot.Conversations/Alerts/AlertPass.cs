using System.Globalization;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Settings;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Alerts;

/// <summary>One alert to send: its key (what was alerted, for "once per day") and the message.</summary>
/// <param name="Key">"BTCUSDT:L:60000:d10" (a position's 10% level) or "book:m80".</param>
/// <param name="Reply">The message, with its mute and what-if buttons.</param>
public sealed record PendingAlert(string Key, Reply Reply);

/// <summary>
/// One user's alert check: their stored book re-marked with live marks, analyzed by the engine, and
/// each level crossed turned into an alert. Pure: no storage, no clock, no network. A position whose
/// symbol has no live mark gets no alert, whatever its stored mark says.
/// </summary>
public static class AlertPass
{
    /// <summary>Button data prefix of the alerts' buttons.</summary>
    public const string ButtonPrefix = "alert:";

    /// <summary>
    /// The alerts of <paramref name="book"/> at <paramref name="liveMarks"/>: for each position the
    /// tightest distance level crossed, for a cross book the highest margin-ratio level crossed.
    /// Muted positions are skipped. Whether each was already sent today is the caller's question.
    /// </summary>
    public static IReadOnlyList<PendingAlert> Check(
        TraderBook book,
        UserSettings settings,
        AlertSettings alerts,
        IReadOnlyDictionary<string, decimal> liveMarks,
        TierCatalog catalog,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(liveMarks);
        if (!alerts.Enabled || book.Positions.Count == 0 || book.WalletBalance is null || alerts.IsMuted(AlertSettings.AllKey, now))
        {
            return [];
        }

        var marks = new Dictionary<string, decimal>(book.Marks, StringComparer.Ordinal);
        foreach (var p in book.Positions)
        {
            if (liveMarks.TryGetValue(p.Symbol, out var live))
            {
                marks[p.Symbol] = live;
            }
        }

        var report = BookAnalyzer.Analyze(BookCommands.ToEngineBook(book with { Marks = marks }, settings, catalog));
        var found = new List<PendingAlert>();
        var widestFirst = alerts.DistanceLevels.OrderByDescending(l => l).ToList();
        for (var i = 0; i < report.Positions.Count; i++)
        {
            var r = report.Positions[i];
            var key = PositionKey(r.Position);
            if (!liveMarks.ContainsKey(r.Position.Symbol) || r.DistanceToLiquidationPct is not { } distance || r.LiquidationPrice is not { } lp || alerts.IsMuted(key, now))
            {
                continue;
            }

            // The tightest level crossed: a jump from 25% to 4% sends the 5% alert, not three.
            var level = widestFirst.LastOrDefault(l => distance <= l);
            if (level > 0)
            {
                found.Add(new PendingAlert(
                    key + ":d" + Format(level),
                    Reply.Send(Texts.Alerts.Distance(i + 1, r, lp, distance, level, ActionFor(level, widestFirst)), Buttons(key, r.Position, distance))));
            }
        }

        var hasCross = book.Positions.Any(p => p.Mode == MarginMode.Cross);
        var ratio = report.Account.MarginRatio * 100m;
        var marginLevel = alerts.MarginRatioLevels.Where(l => ratio >= l).DefaultIfEmpty(0m).Max();
        var crossLive = book.Positions.Where(p => p.Mode == MarginMode.Cross).All(p => liveMarks.ContainsKey(p.Symbol));
        if (hasCross && crossLive && marginLevel > 0 && !alerts.IsMuted(BookKey, now))
        {
            found.Add(new PendingAlert(
                BookKey + ":m" + Format(marginLevel),
                Reply.Send(Texts.Alerts.MarginRatio(ratio, marginLevel), [new Button(Texts.Alerts.MuteAllLabel, ButtonPrefix + "muteall")])));
        }

        return found;
    }

    /// <summary>The key of the cross book's margin-ratio alerts.</summary>
    public const string BookKey = "book";

    /// <summary>A position's key: symbol, side and entry, stable while the position is held.</summary>
    public static string PositionKey(Position position)
    {
        ArgumentNullException.ThrowIfNull(position);
        return position.Symbol + ":" + (position.Side == Side.Long ? "L" : "S") + ":" + Format(position.EntryPrice);
    }

    private static string Format(decimal value) => value.ToString("0.########", CultureInfo.InvariantCulture);

    // Wide level: there is time to set the stop; middle: add margin; tightest: reduce now.
    private static AlertAction ActionFor(decimal level, List<decimal> widestFirst) =>
        level == widestFirst[^1] && widestFirst.Count > 1 ? AlertAction.Reduce
        : level == widestFirst[0] ? AlertAction.SetStop
        : AlertAction.AddMargin;

    private static IReadOnlyList<Button>[] Buttons(string key, Position position, decimal distance)
    {
        var move = Math.Ceiling(Math.Max(distance, 0.1m) * 10m) / 10m * (position.Side == Side.Long ? -1m : 1m);
        var whatIf = ButtonPrefix + "whatif:" + Input.Symbols.BaseAsset(position.Symbol).ToLowerInvariant() + ":" + Format(move);
        var mute = ButtonPrefix + "mute:" + key;
        List<Button> row = [new Button(Texts.Alerts.WhatIfLabel, whatIf)];
        if (System.Text.Encoding.UTF8.GetByteCount(mute) <= Button.MaxDataBytes)
        {
            row.Add(new Button(Texts.Alerts.MuteLabel, mute));
        }

        return [row, [new Button(Texts.Alerts.MuteAllLabel, ButtonPrefix + "muteall")]];
    }
}

/// <summary>The one concrete action an alert recommends.</summary>
public enum AlertAction
{
    /// <summary>Set or move the stop so it closes the trade before the liquidation price.</summary>
    SetStop,

    /// <summary>Add margin to push the liquidation price away.</summary>
    AddMargin,

    /// <summary>Reduce the position.</summary>
    Reduce,
}
