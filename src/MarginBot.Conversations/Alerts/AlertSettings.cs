using System.Collections.Frozen;

namespace MarginBot.Conversations.Alerts;

/// <summary>
/// A user's liquidation alerts: off until they opt in; the distance levels (percent of the mark left
/// before the liquidation price) and, for cross books, the margin-ratio levels (percent); and what is
/// muted until when.
/// </summary>
/// <param name="Enabled">True after <c>/alerts on</c>.</param>
/// <param name="DistanceLevels">Distance levels, percent, widest first (defaults 20, 10, 5).</param>
/// <param name="MarginRatioLevels">Cross margin-ratio levels, percent, lowest first (defaults 80, 90).</param>
public sealed record AlertSettings(bool Enabled, IReadOnlyList<decimal> DistanceLevels, IReadOnlyList<decimal> MarginRatioLevels)
{
    /// <summary>The key of "mute every alert".</summary>
    public const string AllKey = "*";

    /// <summary>Off, with the default levels.</summary>
    public static AlertSettings Default { get; } = new(false, [20m, 10m, 5m], [80m, 90m]);

    /// <summary>Position keys (or <see cref="AllKey"/>) muted until the given time (UTC).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> MutedUntil { get; init; } = FrozenDictionary<string, DateTimeOffset>.Empty;

    /// <summary>True when alerts of <paramref name="positionKey"/> are muted at <paramref name="now"/>.</summary>
    public bool IsMuted(string positionKey, DateTimeOffset now) =>
        (MutedUntil.TryGetValue(AllKey, out var all) && all > now)
        || (MutedUntil.TryGetValue(positionKey, out var one) && one > now);

    /// <summary>A copy with <paramref name="key"/> muted until <paramref name="until"/>, expired mutes dropped.</summary>
    public AlertSettings Mute(string key, DateTimeOffset now, DateTimeOffset until)
    {
        var mutes = MutedUntil.Where(m => m.Value > now).ToDictionary(StringComparer.Ordinal);
        mutes[key] = until;
        return this with { MutedUntil = mutes.ToFrozenDictionary(StringComparer.Ordinal) };
    }
}

/// <summary>Port: alert settings per user and the alerts already sent, kept across restarts.</summary>
public interface IAlertStore
{
    /// <summary>The user's alert settings, or <c>null</c> when they never set any.</summary>
    AlertSettings? Load(long userId);

    /// <summary>Stores the user's alert settings.</summary>
    void Save(long userId, AlertSettings settings);

    /// <summary>The users with alerts on.</summary>
    IReadOnlyList<long> Subscribers();

    /// <summary>
    /// Records that alert <paramref name="alertKey"/> of <paramref name="userId"/> was sent on
    /// <paramref name="day"/> (UTC); false when it already was (then it must not be sent again).
    /// </summary>
    bool TryRecordSent(long userId, string alertKey, DateOnly day);
}
