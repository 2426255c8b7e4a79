using MarginBot.Conversations.Chat;
using MarginBot.Conversations.QuickCommands;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Market;

/// <summary>Where the quick commands take live figures: the mark for a missing entry, the live tier table.</summary>
internal static class LiveFigures
{
    /// <summary>
    /// A symbol without an entry takes the exchange's mark when there is one; the note says where it
    /// came from, or plainly that there was none. A request with an entry is returned as it is.
    /// </summary>
    public static (TradeRequest Request, string? Note) WithMarkAsEntry(TradeRequest request, FlowContext context)
    {
        if (request.Entry is not null || request.Symbol is null)
        {
            return (request, null);
        }

        var mark = context.Live.Mark((request.Exchange ?? context.Settings.Profile).Id, request.Symbol);
        return mark.IsAvailable
            ? (request with { Entry = mark.Value.Price }, Texts.Market.EntryFromMark(mark, context.Now))
            : (request, Texts.Market.NoLiveEntry(mark));
    }

    /// <summary>
    /// The exchange's live tier table of a linear symbol, when live data is on and the exchange gives
    /// it (Bybit, OKX); <c>null</c> otherwise, and the bundled table applies.
    /// </summary>
    public static MarketAnswer<TierTable>? LiveTiers(TradeRequest request, FlowContext context) =>
        context.Live.IsLive && request.Symbol is { } symbol && request.Kind == ContractKind.Linear
            ? context.Live.Tiers((request.Exchange ?? context.Settings.Profile).Id, symbol)
            : null;

    /// <summary>The tables to put over the catalog's: the live one when available.</summary>
    public static Dictionary<string, TierTable>? Overrides(MarketAnswer<TierTable>? live) =>
        live is { IsAvailable: true } ? new Dictionary<string, TierTable>(StringComparer.Ordinal) { [live.Symbol] = live.Value } : null;

    /// <summary>"Tiers: …" when live data is on (so the trader knows which table applied); nothing when it is off.</summary>
    public static string? TiersNote(Engine.Accounts.Book book, string symbol, MarketAnswer<TierTable>? live, FlowContext context) =>
        context.Live.IsLive ? Texts.Market.TiersLine(book.TiersOf(symbol), live, context.Now) : null;
}
