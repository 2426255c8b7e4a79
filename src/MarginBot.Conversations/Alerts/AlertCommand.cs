using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Text;

namespace MarginBot.Conversations.Alerts;

/// <summary>
/// <c>/alerts</c> (show), <c>/alerts on|off</c>, <c>/alerts 20 10 5</c> (distance levels, percent),
/// and the alerts' mute buttons. Private chats only: alerts are about the user's own book.
/// </summary>
internal static class AlertCommand
{
    private const int MaxLevels = 5;

    /// <summary>The answer and the changed settings (<c>null</c>: nothing to store).</summary>
    public static (string Html, AlertSettings? Changed) Run(string args, AlertSettings settings)
    {
        var words = args.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return (Texts.Alerts.Show(settings), null);
        }

        if (words is ["on"])
        {
            var on = settings with { Enabled = true };
            return (Texts.Alerts.Show(on), on);
        }

        if (words is ["off"])
        {
            var off = settings with { Enabled = false };
            return (Texts.Alerts.Show(off), off);
        }

        if (words.Length > MaxLevels)
        {
            throw new InputException(args, Texts.Alerts.LevelsExample);
        }

        var levels = new List<decimal>();
        foreach (var word in words)
        {
            levels.Add(Numbers.TryParse(word.TrimEnd('%'), out var level) && level > 0 && level < 100
                ? level
                : throw new InputException(word, Texts.Alerts.LevelsExample));
        }

        var changed = settings with { DistanceLevels = [.. levels.Distinct().OrderByDescending(l => l)] };
        return (Texts.Alerts.Show(changed), changed);
    }

    /// <summary>A mute button: one position, or every alert, for a day.</summary>
    public static (string Html, AlertSettings Changed)? Press(string data, AlertSettings settings, DateTimeOffset now)
    {
        var rest = data[AlertPass.ButtonPrefix.Length..];
        if (rest == "muteall")
        {
            return (Texts.Alerts.MutedAll(now.AddDays(1)), settings.Mute(AlertSettings.AllKey, now, now.AddDays(1)));
        }

        if (rest.StartsWith("mute:", StringComparison.Ordinal))
        {
            var key = rest["mute:".Length..];
            return (Texts.Alerts.MutedOne(key.Split(':')[0], now.AddDays(1)), settings.Mute(key, now, now.AddDays(1)));
        }

        return null;
    }

    /// <summary>The /whatif arguments of a what-if button ("btc -4.3%"), or <c>null</c>.</summary>
    public static string? WhatIfArgs(string data)
    {
        var parts = data[AlertPass.ButtonPrefix.Length..].Split(':');
        return parts is ["whatif", var coin, var move] ? coin + " " + move + "%" : null;
    }
}
