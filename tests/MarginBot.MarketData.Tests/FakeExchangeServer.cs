using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarginBot.MarketData.Tests;

/// <summary>
/// One answer of the fake exchange: a status, a body, an optional delay before the headers and an
/// optional Retry-After header.
/// </summary>
internal sealed record FakeAnswer(int Status, string Body, TimeSpan Delay = default, string? RetryAfter = null)
{
    public static FakeAnswer Fixture(string path, int status = 200) => new(status, Fixtures.Read(path));

    public static FakeAnswer Json(string body, int status = 200) => new(status, body);
}

/// <summary>
/// A local stand-in for Binance, Bybit and OKX: Kestrel on 127.0.0.1 and a free port, answering each
/// path from the fixtures (happy path by default) or from what a test sets, and recording every request.
/// </summary>
internal sealed class FakeExchangeServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeAnswer>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private WebApplication? _app;

    /// <summary>The all-symbol mark requests: Binance's premiumIndex without a query, and so on.</summary>
    public const string BinanceAllMarks = "/fapi/v1/premiumIndex?";
    public const string BybitAllMarks = "/v5/market/tickers?category=linear";
    public const string OkxAllMarks = "/api/v5/public/mark-price?instType=SWAP";

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<FakeExchangeServer> StartAsync()
    {
        var server = new FakeExchangeServer();
        server.Answer("/fapi/v1/premiumIndex", FakeAnswer.Fixture("binance/premiumIndex-BTCUSDT.jsonc"));
        server.Answer("/v5/market/tickers", FakeAnswer.Fixture("bybit/tickers-BTCUSDT.jsonc"));
        server.Answer("/v5/market/risk-limit", FakeAnswer.Fixture("bybit/risk-limit-BTCUSDT.jsonc"));
        server.Answer("/api/v5/public/mark-price", FakeAnswer.Fixture("okx/mark-price-BTC-USDT-SWAP.jsonc"));
        server.Answer("/api/v5/public/funding-rate", FakeAnswer.Fixture("okx/funding-rate-BTC-USDT-SWAP.jsonc"));
        server.Answer("/api/v5/public/instruments", FakeAnswer.Fixture("okx/instruments-BTC-USDT-SWAP.jsonc"));
        server.Answer("/api/v5/public/position-tiers", FakeAnswer.Fixture("okx/position-tiers-BTC-USDT.jsonc"));
        server.Answer("/dapi/v1/premiumIndex", FakeAnswer.Fixture("binance-coinm/premiumIndex-BTCUSD.jsonc"));
        server.Answer(BinanceAllMarks, FakeAnswer.Fixture("binance/premiumIndex-all.jsonc"));
        server.Answer(BybitAllMarks, FakeAnswer.Fixture("bybit/tickers-linear-all.jsonc"));
        server.Answer(OkxAllMarks, FakeAnswer.Fixture("okx/mark-price-swap-all.jsonc"));

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server._app = app;
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>
    /// Answers <paramref name="key"/> with the answers in turn; the last one repeats. A key with a query
    /// (<c>/v5/market/tickers?category=linear</c>, or <c>/fapi/v1/premiumIndex?</c> for no query) answers
    /// that exact request; a bare path answers every request to it, replacing the answers of its queries.
    /// </summary>
    public void Answer(string key, params FakeAnswer[] answers)
    {
        if (!key.Contains('?', StringComparison.Ordinal))
        {
            foreach (var specific in _answers.Keys.Where(k => k.StartsWith(key + "?", StringComparison.Ordinal)))
            {
                _answers.TryRemove(specific, out _);
            }
        }

        _answers[key] = new ConcurrentQueue<FakeAnswer>(answers);
    }

    /// <summary>How many requests reached <paramref name="path"/>.</summary>
    public int Count(string path) => _requests.Count(r => r == path || r.StartsWith(path + "?", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var query = context.Request.QueryString.Value ?? string.Empty;
        _requests.Enqueue(path + query);
        var exact = path + "?" + query.TrimStart('?');
        if (!(_answers.TryGetValue(exact, out var queue) || _answers.TryGetValue(path, out queue)) || !TryNext(queue, out var answer))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        if (answer.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = answer.RetryAfter;
        }

        await context.Response.WriteAsync(answer.Body);
    }

    private static bool TryNext(ConcurrentQueue<FakeAnswer> queue, out FakeAnswer answer)
    {
        // Keep the last answer: it repeats for every later request.
        if (queue.Count > 1 && queue.TryDequeue(out answer!))
        {
            return true;
        }

        return queue.TryPeek(out answer!);
    }
}

/// <summary>The fixture files: the exchanges' documented JSON, after their leading <c>//</c> source comments.</summary>
internal static class Fixtures
{
    public static string Read(string path)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", path));
        var lines = text.Split('\n').SkipWhile(line => line.TrimStart().StartsWith("//", StringComparison.Ordinal));
        return string.Join('\n', lines);
    }
}
