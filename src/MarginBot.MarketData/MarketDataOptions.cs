using MarginBot.MarketData.Exchanges;

namespace MarginBot.MarketData;

/// <summary>
/// Configuration section <c>MarginBot:MarketData</c> (environment variables <c>MarginBot__MarketData__…</c>).
/// Every value has a default; <c>appsettings.example.json</c> lists them.
/// </summary>
public sealed class MarketDataOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "MarginBot:MarketData";

    /// <summary>False switches live data off: every answer is "not available" and no request is made.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Binance USDⓈ-M futures (<c>https://fapi.binance.com</c>).</summary>
    public ExchangeEndpointOptions Binance { get; set; } = new() { BaseUrl = new Uri("https://fapi.binance.com"), RequestsPerSecond = 10 };

    /// <summary>Binance COIN-M futures (<c>https://dapi.binance.com</c>): the inverse perpetuals (<c>BTCUSD</c>).</summary>
    public ExchangeEndpointOptions BinanceCoinM { get; set; } = new() { BaseUrl = new Uri("https://dapi.binance.com"), RequestsPerSecond = 10 };

    /// <summary>Bybit v5 (<c>https://api.bybit.com</c>).</summary>
    public ExchangeEndpointOptions Bybit { get; set; } = new() { BaseUrl = new Uri("https://api.bybit.com"), RequestsPerSecond = 10 };

    /// <summary>OKX v5 (<c>https://www.okx.com</c>).</summary>
    public ExchangeEndpointOptions Okx { get; set; } = new() { BaseUrl = new Uri("https://www.okx.com"), RequestsPerSecond = 5 };

    /// <summary>How long a fetched mark price is reused.</summary>
    public TimeSpan MarkTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a fetched funding rate is reused (never past its next funding time).</summary>
    public TimeSpan FundingTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a fetched tier table is reused.</summary>
    public TimeSpan TierTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a "not available" answer is reused, so that a failing exchange is not asked again by every user.</summary>
    public TimeSpan FailureTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest one HTTP attempt may take, headers and body.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The hard bound of one answer, retries, back-off and rate-limit queueing included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Retries after a transient failure (timeout, connection error, HTTP 5xx or 408).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first back-off delay; it doubles with each retry, with ±50% jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The endpoint options of <paramref name="exchange"/>'s main API (Binance: USDⓈ-M).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No live-data venue is registered for the exchange.</exception>
    public ExchangeEndpointOptions For(Engine.Exchanges.ExchangeId exchange) => MarketVenues.Of(exchange).Apis[0].Endpoint(this);

    /// <summary>The problems of these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var api in MarketVenues.Apis)
        {
            var (name, endpoint) = (api.Key, api.Endpoint(this));
            if (endpoint.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add($"{SectionName}:{name}:BaseUrl must be an absolute http(s) URL.");
            }

            if (endpoint.RequestsPerSecond < 1)
            {
                problems.Add($"{SectionName}:{name}:RequestsPerSecond must be 1 or more.");
            }

            if (endpoint.QueueLimit < 0)
            {
                problems.Add($"{SectionName}:{name}:QueueLimit must be 0 or more.");
            }
        }

        foreach (var (name, value) in new[]
        {
            (nameof(MarkTtl), MarkTtl), (nameof(FundingTtl), FundingTtl), (nameof(TierTtl), TierTtl), (nameof(FailureTtl), FailureTtl),
            (nameof(AttemptTimeout), AttemptTimeout), (nameof(TotalTimeout), TotalTimeout),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{SectionName}:{name} must be positive.");
            }
        }

        if (MaxRetries < 0 || RetryBaseDelay < TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:MaxRetries and RetryBaseDelay must not be negative.");
        }

        return problems;
    }
}

/// <summary>One exchange API's endpoint: <c>MarginBot:MarketData:{Binance|BinanceCoinM|Bybit|Okx}</c>.</summary>
public sealed class ExchangeEndpointOptions
{
    /// <summary>The API host, e.g. <c>https://api.bybit.com</c>; paths are appended to it.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The most requests per second MarginBot sends to the exchange (all kinds together).</summary>
    public int RequestsPerSecond { get; set; } = 5;

    /// <summary>How many requests may wait for the rate limit; beyond that an answer is "not available" at once.</summary>
    public int QueueLimit { get; set; } = 100;
}
