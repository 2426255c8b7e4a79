using System.Text.Json;
using MarginBot.Engine.Exchanges;

namespace MarginBot.MarketData.Exchanges;

/// <summary>One exchange API MarginBot reads: Binance has two (USDⓈ-M and COIN-M), the others one.</summary>
/// <param name="Key">Its configuration key under <c>MarginBot:MarketData</c> (a public contract: the name of
/// its <see cref="MarketDataOptions"/> property) and the end of its <see cref="HttpClient"/>'s name.</param>
/// <param name="Endpoint">Its endpoint options among <paramref name="Key"/>'s.</param>
/// <param name="Covers">Which of MarginBot's symbols it answers; no other symbol ever reaches its URLs.</param>
/// <param name="Adapter">Its adapter over its HTTP.</param>
/// <param name="ErrorOf">Reads the error an answer's body states, if any.</param>
internal sealed record VenueApi(
    string Key,
    Func<MarketDataOptions, ExchangeEndpointOptions> Endpoint,
    Func<string, bool> Covers,
    Func<ExchangeHttp, IExchangeAdapter> Adapter,
    Func<JsonElement, ExchangeError?> ErrorOf);

/// <summary>An exchange's live data: its APIs in order; the first that covers a symbol answers for it.</summary>
internal sealed record MarketVenue(ExchangeId Exchange, IReadOnlyList<VenueApi> Apis);

/// <summary>
/// The registry of live-data venues, one per exchange of <see cref="ExchangeProfile.All"/>: the service,
/// the options' look-up and checks and the registration of HTTP clients all loop over it. A new venue is
/// its adapter, its endpoint options (a property of <see cref="MarketDataOptions"/>) and one entry here.
/// </summary>
internal static class MarketVenues
{
    /// <summary>Every venue, in the registry's order of exchanges.</summary>
    public static IReadOnlyList<MarketVenue> All { get; } =
    [
        new(ExchangeId.Binance,
        [
            new("Binance", static o => o.Binance, MarketDataService.IsLiveSymbol, static http => new BinanceAdapter(http), BinanceAdapter.ErrorOf),

            // COIN-M is another API (its own host and limits), answered under Binance's name.
            new("BinanceCoinM", static o => o.BinanceCoinM, MarketDataService.IsInverseSymbol, static http => new BinanceCoinMAdapter(http), BinanceAdapter.ErrorOf),
        ]),
        new(ExchangeId.Bybit, [new("Bybit", static o => o.Bybit, MarketDataService.IsLiveSymbol, static http => new BybitAdapter(http), BybitAdapter.ErrorOf)]),
        new(ExchangeId.Okx, [new("Okx", static o => o.Okx, MarketDataService.IsLiveSymbol, static http => new OkxAdapter(http), OkxAdapter.ErrorOf)]),
    ];

    /// <summary>Every API of every venue.</summary>
    public static IEnumerable<VenueApi> Apis => All.SelectMany(v => v.Apis);

    /// <summary>The venue of <paramref name="exchange"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No venue is registered for it.</exception>
    public static MarketVenue Of(ExchangeId exchange) =>
        All.FirstOrDefault(v => v.Exchange == exchange) ?? throw new ArgumentOutOfRangeException(nameof(exchange), exchange, "Unknown exchange.");
}
