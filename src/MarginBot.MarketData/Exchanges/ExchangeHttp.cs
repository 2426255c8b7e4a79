using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.RateLimiting;

namespace MarginBot.MarketData.Exchanges;

/// <summary>What an exchange said instead of the data, and whether it means "you are asking too often".</summary>
internal sealed record ExchangeError(string Message, bool RateLimited);

/// <summary>
/// GETs JSON from one exchange: within its request-per-second budget, with a timeout per attempt,
/// retries with exponential back-off and jitter on transient failures (timeouts, connection errors,
/// HTTP 5xx and 408), and a cool-down after the exchange says "too many requests" (HTTP 429, 418,
/// 403 or a rate-limit error code), during which no request is sent at all. Every failure ends as a
/// <see cref="MarketDataUnavailableException"/> whose message a trader can read.
/// </summary>
/// <remarks>
/// Attempt timeouts and back-off run on wall time (the network is real even when the clock is fake);
/// the cool-down runs on the injected <see cref="TimeProvider"/>, like the cache.
/// </remarks>
internal sealed class ExchangeHttp : IDisposable
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;
    private const int MaxReasonLength = 120;

    // Binance: 429 first, then 418 ("IP auto-banned", 2 minutes to 3 days); Bybit: 403 "access too frequent" for 10 minutes.
    private static readonly TimeSpan TooManyRequestsCoolDown = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BannedCoolDown = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ForbiddenCoolDown = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongestCoolDown = TimeSpan.FromHours(1);

    private readonly IHttpClientFactory _clients;
    private readonly string _clientName;
    private readonly MarketDataOptions _options;
    private readonly TimeProvider _clock;
    private readonly Func<JsonElement, ExchangeError?> _errorOf;
    private readonly TokenBucketRateLimiter _limiter;
    private long _coolUntilUtcTicks;

    public ExchangeHttp(string name, IHttpClientFactory clients, string clientName, MarketDataOptions options, ExchangeEndpointOptions endpoint, TimeProvider clock, Func<JsonElement, ExchangeError?> errorOf)
    {
        Name = name;
        _clients = clients;
        _clientName = clientName;
        _options = options;
        _clock = clock;
        _errorOf = errorOf;
        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = endpoint.RequestsPerSecond,
            TokensPerPeriod = endpoint.RequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = endpoint.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>The exchange's display name, as replies show it.</summary>
    public string Name { get; }

    /// <summary>The parsed body of a successful answer to <paramref name="pathAndQuery"/>.</summary>
    /// <exception cref="MarketDataUnavailableException">No usable answer; the message says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="deadline"/> passed.</exception>
    public async Task<JsonElement> GetAsync(string pathAndQuery, CancellationToken deadline)
    {
        for (var attempt = 0; ; attempt++)
        {
            ThrowIfCoolingDown();
            using (var lease = await _limiter.AcquireAsync(1, deadline))
            {
                if (!lease.IsAcquired)
                {
                    throw new MarketDataUnavailableException($"too many requests to {Name} are already waiting; try again in a moment");
                }
            }

            var (body, transientFailure) = await TryOnceAsync(pathAndQuery, deadline);
            if (body is { } json)
            {
                return json;
            }

            if (attempt >= _options.MaxRetries)
            {
                throw new MarketDataUnavailableException(transientFailure!);
            }

            await Task.Delay(BackOff(attempt), deadline);
        }
    }

    public void Dispose() => _limiter.Dispose();

    private async Task<(JsonElement? Body, string? TransientFailure)> TryOnceAsync(string pathAndQuery, CancellationToken deadline)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        attempt.CancelAfter(_options.AttemptTimeout);
        try
        {
            var client = _clients.CreateClient(_clientName);
            using var response = await client.GetAsync(new Uri(pathAndQuery, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            if (status is 429 or 418 or 403)
            {
                var wait = CoolDown(status, response.Headers.RetryAfter);
                throw new MarketDataUnavailableException(
                    $"{Name} refused more requests for now (HTTP {status.ToString(CultureInfo.InvariantCulture)}); MarginBot asks again in {Duration(wait)}");
            }

            if (status >= 500 || status == 408)
            {
                return (null, $"{Name} had a problem (HTTP {status.ToString(CultureInfo.InvariantCulture)})");
            }

            var bytes = await ReadBodyAsync(response.Content, attempt.Token);
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(bytes);
                root = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new MarketDataUnavailableException($"{Name} sent an answer MarginBot cannot read");
            }

            if (_errorOf(root) is { } error)
            {
                if (error.RateLimited)
                {
                    CoolDown(429, null);
                }

                throw new MarketDataUnavailableException($"{Name} said: {Shorten(error.Message)}");
            }

            return response.IsSuccessStatusCode
                ? (root, null)
                : throw new MarketDataUnavailableException($"{Name} refused the request (HTTP {status.ToString(CultureInfo.InvariantCulture)})");
        }
        catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
        {
            return (null, $"{Name} did not answer within {Duration(_options.AttemptTimeout)}");
        }
        catch (HttpRequestException)
        {
            return (null, $"{Name} could not be reached");
        }
        catch (IOException)
        {
            return (null, $"{Name} broke off its answer");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBodyBytes)
        {
            throw new MarketDataUnavailableException("the exchange sent an answer too large to be market data");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new MarketDataUnavailableException("the exchange sent an answer too large to be market data");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private void ThrowIfCoolingDown()
    {
        var until = new DateTimeOffset(Interlocked.Read(ref _coolUntilUtcTicks), TimeSpan.Zero);
        var now = _clock.GetUtcNow();
        if (now < until)
        {
            throw new MarketDataUnavailableException($"{Name} asked MarginBot to slow down; it asks again in {Duration(until - now)}");
        }
    }

    private TimeSpan CoolDown(int status, RetryConditionHeaderValue? retryAfter)
    {
        var now = _clock.GetUtcNow();
        var wait = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - now : (TimeSpan?)null)
            ?? status switch { 418 => BannedCoolDown, 403 => ForbiddenCoolDown, _ => TooManyRequestsCoolDown };
        wait = wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > LongestCoolDown ? LongestCoolDown : wait;
        var until = (now + wait).UtcTicks;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _coolUntilUtcTicks);
        }
        while (seen < until && Interlocked.CompareExchange(ref _coolUntilUtcTicks, until, seen) != seen);
        return wait;
    }

    private TimeSpan BackOff(int attempt)
    {
        // Exponential with ±50% jitter, in integer ticks: concurrent failures do not retry in step.
        var percent = Random.Shared.Next(50, 151);
        return TimeSpan.FromTicks(_options.RetryBaseDelay.Ticks * (1L << Math.Min(attempt, 10)) * percent / 100);
    }

    internal static string Duration(TimeSpan span)
    {
        // Rounded up (a trader is told "1 s", never "0 s"); whole minutes from 90 s on.
        var seconds = Math.Max(1L, (span.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
        return seconds < 90
            ? seconds.ToString(CultureInfo.InvariantCulture) + " s"
            : ((seconds + 59) / 60).ToString(CultureInfo.InvariantCulture) + " min";
    }

    private static string Shorten(string message)
    {
        var clean = new string([.. message.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length <= MaxReasonLength ? clean : clean[..MaxReasonLength] + "…";
    }
}
