using System.Globalization;
using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;
using MarginBot.MarketData.Exchanges;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarginBot.MarketData;

/// <summary>
/// <see cref="IMarketData"/> over the exchanges' public REST endpoints: cached per kind
/// (<see cref="MarketDataOptions.MarkTtl"/>, <see cref="MarketDataOptions.FundingTtl"/>,
/// <see cref="MarketDataOptions.TierTtl"/>), one request in flight per key, a hard
/// <see cref="MarketDataOptions.TotalTimeout"/> per fetch, and every failure a "not available" answer.
/// </summary>
internal sealed partial class MarketDataService : IMarketData, IDisposable
{
    private readonly MarketDataOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Dictionary<ExchangeId, Route[]> _exchanges = [];
    private readonly MarketCache<MarkPrice> _marks;
    private readonly MarketCache<FundingRate> _funding;
    private readonly MarketCache<TierTable> _tiers;
    private readonly MarketCache<MarkBoard> _boards;

    public MarketDataService(IHttpClientFactory clients, MarketDataOptions options, TimeProvider clock, ILogger<MarketDataService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _options = options;
        _clock = clock;
        _logger = logger ?? NullLogger<MarketDataService>.Instance;
        _marks = new MarketCache<MarkPrice>(clock);
        _funding = new MarketCache<FundingRate>(clock);
        _tiers = new MarketCache<TierTable>(clock);
        _boards = new MarketCache<MarkBoard>(clock);

        // Every API of a venue answers under its exchange's name, with its own host, limits and cool-down.
        foreach (var venue in MarketVenues.All)
        {
            var name = ExchangeProfile.Of(venue.Exchange).Name;
            _exchanges[venue.Exchange] = [.. venue.Apis.Select(api =>
            {
                var http = new ExchangeHttp(name, clients, MarketDataServiceCollectionExtensions.ClientNameOf(api.Key), options, api.Endpoint(options), clock, api.ErrorOf);
                return new Route(api.Adapter(http), http, api);
            })];
        }
    }

    public Task<MarketAnswer<MarkPrice>> GetMarkPriceAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default) =>
        AskAsync(_marks, "mark price", exchange, symbol, static (adapter, s, deadline) => adapter.GetMarkPriceAsync(s, deadline),
            (_, now) => now + _options.MarkTtl, cancellationToken);

    /// <summary>
    /// Marks still fresh come from the cache; the rest from one all-symbol request per exchange API (shared by
    /// concurrent callers, kept for <see cref="MarketDataOptions.MarkTtl"/>), whose every mark fills the cache.
    /// </summary>
    public async Task<IReadOnlyList<MarketAnswer<MarkPrice>>> GetMarkPricesAsync(ExchangeId exchange, IReadOnlyList<string> symbols, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        cancellationToken.ThrowIfCancellationRequested();
        var answers = new MarketAnswer<MarkPrice>?[symbols.Count];
        var routes = new Route?[symbols.Count];
        for (var i = 0; i < symbols.Count; i++)
        {
            var symbol = symbols[i] ?? string.Empty;
            (routes[i], var refused) = RouteOf<MarkPrice>(exchange, symbol);
            answers[i] = refused ?? (_marks.TryGetFresh(exchange, symbol, out var cached) ? cached : null);
        }

        // One all-symbol request per API still needed (USDⓈ-M and COIN-M are two on Binance).
        foreach (var route in routes.Where((r, i) => answers[i] is null).Distinct().ToList())
        {
            var board = await _boards.GetAsync(exchange, route!.BoardKey, () => FetchBoardAsync(route, exchange)).WaitAsync(cancellationToken);
            for (var i = 0; i < symbols.Count; i++)
            {
                if (answers[i] is null && routes[i] == route)
                {
                    answers[i] = !board.IsAvailable ? MarketAnswer.NotAvailable<MarkPrice>(exchange, symbols[i], board.Reason)
                        : board.Value.Marks.TryGetValue(symbols[i], out var mark) ? MarketAnswer.Available(exchange, symbols[i], mark, board.FetchedAt)
                        : MarketAnswer.NotAvailable<MarkPrice>(exchange, symbols[i], $"{route.Http.Name} gave no usable mark price for {symbols[i]}");
                }
            }
        }

        return answers!;
    }

    public Task<MarketAnswer<FundingRate>> GetFundingRateAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default) =>
        AskAsync(_funding, "funding rate", exchange, symbol, static (adapter, s, deadline) => adapter.GetFundingRateAsync(s, deadline),
            FundingFreshUntil, cancellationToken);

    public Task<MarketAnswer<TierTable>> GetTierTableAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default) =>
        AskAsync(_tiers, "tier table", exchange, symbol,
            static async (adapter, s, deadline) => await adapter.GetTierTableAsync(s, deadline),
            (_, now) => now + _options.TierTtl, cancellationToken);

    public void Dispose()
    {
        foreach (var route in _exchanges.Values.SelectMany(routes => routes))
        {
            route.Http.Dispose();
        }
    }

    // MarginBot's USDT-margined names only: A–Z and 0–9 before "USDT". Anything else never reaches a URL.
    internal static bool IsLiveSymbol(string? symbol) =>
        symbol is { Length: > 4 and <= 24 } && symbol.EndsWith("USDT", StringComparison.Ordinal)
        && symbol.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    // Binance's COIN-M names: A–Z and 0–9 before "USD" (BTCUSD for BTCUSD_PERP).
    internal static bool IsInverseSymbol(string? symbol) =>
        symbol is { Length: > 3 and <= 23 } && symbol.EndsWith("USD", StringComparison.Ordinal)
        && symbol.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    // Which API answers a symbol; or why none is asked: an exchange without a venue, a contract not covered.
    private (Route? Route, MarketAnswer<T>? Refused) RouteOf<T>(ExchangeId exchange, string symbol)
        where T : class
    {
        if (!_exchanges.TryGetValue(exchange, out var routes))
        {
            return (null, MarketAnswer.NotAvailable<T>(exchange, symbol, "MarginBot has no live data for this exchange"));
        }

        foreach (var route in routes)
        {
            if (route.Api.Covers(symbol))
            {
                return (route, null);
            }
        }

        return (null, MarketAnswer.NotAvailable<T>(exchange, symbol, "live data covers USDT-margined perpetuals such as BTCUSDT, and Binance's COIN-M perpetuals, only"));
    }

    // One all-symbol request; on success every mark in it fills the per-symbol cache until the same time.
    private async Task<(MarketAnswer<MarkBoard> Answer, DateTimeOffset FreshUntil)> FetchBoardAsync(Route route, ExchangeId exchange)
    {
        var (answer, freshUntil) = await FetchAsync(route.Adapter, route.Http.Name, "mark prices", exchange, route.BoardKey,
            static async (a, _, deadline) => new MarkBoard(await a.GetAllMarkPricesAsync(deadline)),
            (_, now) => now + _options.MarkTtl);
        if (answer.IsAvailable)
        {
            foreach (var (symbol, mark) in answer.Value.Marks)
            {
                _marks.Put(exchange, symbol, MarketAnswer.Available(exchange, symbol, mark, answer.FetchedAt), freshUntil);
            }
        }

        return (answer, freshUntil);
    }

    // The rate changes at settlement: keep it until then at most, and at least one mark TTL.
    private DateTimeOffset FundingFreshUntil(FundingRate rate, DateTimeOffset now)
    {
        var byTtl = now + _options.FundingTtl;
        var bySettlement = rate.NextFundingTime > now + _options.MarkTtl ? rate.NextFundingTime : now + _options.MarkTtl;
        return byTtl < bySettlement ? byTtl : bySettlement;
    }

    private async Task<MarketAnswer<T>> AskAsync<T>(
        MarketCache<T> cache,
        string kind,
        ExchangeId exchange,
        string symbol,
        Func<IExchangeAdapter, string, CancellationToken, Task<T>> fetch,
        Func<T, DateTimeOffset, DateTimeOffset> freshUntil,
        CancellationToken cancellationToken)
        where T : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        symbol ??= string.Empty;
        var (route, refused) = RouteOf<T>(exchange, symbol);
        if (refused is not null)
        {
            return refused;
        }

        // The shared fetch has its own deadline; a caller who gives up stops waiting, not the fetch.
        var shared = cache.GetAsync(exchange, symbol, () => FetchAsync(route!.Adapter, route.Http.Name, kind, exchange, symbol, fetch, freshUntil));
        return await shared.WaitAsync(cancellationToken);
    }

    private async Task<(MarketAnswer<T> Answer, DateTimeOffset FreshUntil)> FetchAsync<T>(
        IExchangeAdapter adapter,
        string name,
        string kind,
        ExchangeId exchange,
        string symbol,
        Func<IExchangeAdapter, string, CancellationToken, Task<T>> fetch,
        Func<T, DateTimeOffset, DateTimeOffset> freshUntil)
        where T : class
    {
        // Wall time on purpose: the hard bound is about the network, which a fake clock does not move.
        using var deadline = new CancellationTokenSource(_options.TotalTimeout);
        string reason;
        try
        {
            var value = await fetch(adapter, symbol, deadline.Token);
            var now = _clock.GetUtcNow();
            if (value is TierTable table)
            {
                value = (T)(object)table.WithSource(TierSource.Live, now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }

            return (MarketAnswer.Available(exchange, symbol, value, now), freshUntil(value, now));
        }
        catch (MarketDataUnavailableException e)
        {
            reason = e.Message;
        }
        catch (OperationCanceledException)
        {
            reason = $"{name} did not answer within {ExchangeHttp.Duration(_options.TotalTimeout)}";
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidOperationException or NotSupportedException)
        {
            // A figure the value types or the engine refuse (a zero mark, tiers that do not meet): the answer is unusable.
            LogUnexpected(_logger, e, kind, name, symbol);
            reason = $"{name} sent figures MarginBot cannot use";
        }

        LogUnavailable(_logger, kind, name, symbol, reason);
        return (MarketAnswer.NotAvailable<T>(exchange, symbol, reason), _clock.GetUtcNow() + _options.FailureTtl);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No live {Kind} from {Exchange} for {Symbol}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string kind, string exchange, string symbol, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unusable {Kind} from {Exchange} for {Symbol}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string kind, string exchange, string symbol);
}

/// <summary>Every mark of one exchange's all-symbol answer, by MarginBot's symbol.</summary>
internal sealed record MarkBoard(IReadOnlyDictionary<string, MarkPrice> Marks);

/// <summary>One exchange API: its adapter, its HTTP (limits, cool-down) and what the registry says of it.</summary>
internal sealed record Route(IExchangeAdapter Adapter, ExchangeHttp Http, VenueApi Api)
{
    /// <summary>The cache key of the API's all-symbol answer: never a symbol, one per API of an exchange.</summary>
    public string BoardKey { get; } = "*" + Api.Key;
}
