using System.Globalization;
using MarginBot.Conversations.Sessions;
using MarginBot.Engine.Contracts;

namespace MarginBot.Conversations.Checklist;

/// <summary>
/// The checklist's answers, read from the session. Every answer is stored as invariant text;
/// <c>none</c> marks an item the user chose to skip (it shows as missing).
/// </summary>
internal sealed class CheckDraft(Session session)
{
    public const string Skipped = "none";

    public string? Symbol => session.Answer(Keys.Symbol);

    public Side? Side => session.Answer(Keys.Side) is { } s ? Enum.Parse<Side>(s) : null;

    public decimal? Entry => Number(Keys.Entry);

    public decimal? Quantity => Number(Keys.Quantity);

    public decimal? Notional => Number(Keys.Notional);

    public decimal? Leverage => Number(Keys.Leverage);

    public MarginMode? Mode => session.Answer(Keys.Mode) is { } m ? Enum.Parse<MarginMode>(m) : null;

    public decimal? Wallet => Number(Keys.Wallet);

    public decimal? MaxLoss => Number(Keys.MaxLoss);

    public decimal? Stop => Number(Keys.Stop);

    public decimal? HoldHours => Number(Keys.Hold);

    /// <summary>Where the entry came from when it is the exchange's mark; <c>null</c> when the trader typed it.</summary>
    public Portfolio.MarkSource? EntryMark =>
        session.Answer(Keys.EntrySource) is { } source && session.Answer(Keys.EntryFetched) is { } fetched
        && DateTimeOffset.TryParse(fetched, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new Portfolio.MarkSource(source, at)
            : null;

    public bool Returning => session.Answer(Keys.Returning) is not null;

    /// <summary>Quantity in the base asset: as given, or the notional at the entry.</summary>
    public decimal? QuantityAtEntry => Quantity ?? (Notional is { } n && Entry is { } e ? n / e : null);

    /// <summary>Initial margin: entry notional ÷ leverage.</summary>
    public decimal? Margin => QuantityAtEntry is { } q && Entry is { } e && Leverage is { } l ? q * e / l : null;

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private decimal? Number(string key) =>
        session.Answer(key) is { } text && text != Skipped ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : null;

    public static class Keys
    {
        public const string Symbol = "symbol";
        public const string Side = "side";
        public const string Entry = "entry";
        public const string EntrySource = "entrySource";
        public const string EntryFetched = "entryFetched";
        public const string Quantity = "qty";
        public const string Notional = "notional";
        public const string Leverage = "leverage";
        public const string Mode = "mode";
        public const string Wallet = "wallet";
        public const string MaxLoss = "maxLoss";
        public const string Stop = "stop";
        public const string Hold = "hold";
        public const string Returning = "returning";
    }
}
