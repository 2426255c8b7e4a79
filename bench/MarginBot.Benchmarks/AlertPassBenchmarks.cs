using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MarginBot.Alerts;
using MarginBot.Conversations.Alerts;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Market;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Settings;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;
using MarginBot.MarketData;
using MarginBot.MarketData.Tests;
using MarginBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MarginBot.Benchmarks;

/// <summary>
/// Liquidation alerts at scale, end to end: 10,000 subscribers × 5 positions, spread over Binance, Bybit
/// and OKX, in a LiteDB file. One pass of the real <see cref="AlertService"/>: the books, settings and
/// alert settings loaded from LiteDB, the marks fetched by the real market-data service in one batched
/// request per exchange from a local fake exchange (Kestrel on 127.0.0.1, all-symbol answers the size of
/// the real ones), every book recomputed by the engine, and each alert recorded in LiteDB with its
/// outgoing message in one transaction (what the outbox sender does, minus Telegram).
/// </summary>
/// <remarks>
/// <c>Steady</c>: the clock moves 10 s per pass, so the marks are fetched again and every level crossed
/// was already sent today (the usual pass). <c>NewDay</c>: the clock moves a day per pass, so every
/// level crossed is sent and stored again (the worst pass: about a third of the positions alert).
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet's [GlobalCleanup] disposes what [GlobalSetup] made.")]
public class AlertPassBenchmarks
{
    private const int PositionsPerUser = 5;

    // Five symbols held, out of the few hundred each exchange lists in its all-symbol answer.
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT"];
    private static readonly decimal[] Entries = [60000m, 3000m, 150m, 0.6m, 0.15m];
    private static readonly ExchangeId[] Exchanges = [ExchangeId.Binance, ExchangeId.Bybit, ExchangeId.Okx];

    private readonly SteppingClock _clock = new(new DateTimeOffset(2026, 5, 12, 8, 0, 0, TimeSpan.Zero));
    private DirectoryInfo? _folder;
    private LiteDbStorage? _storage;
    private FakeExchangeServer? _exchange;
    private ServiceProvider? _services;
    private AlertService? _service;

    [Params(10_000)]
    public int Users { get; set; }

    [Params("Steady", "NewDay")]
    public string Pass { get; set; } = "Steady";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("marginbot-bench-alerts-");
        _storage = LiteDbStorage.Open(Path.Combine(_folder.FullName, "bot.db"));
        var alerts = AlertSettings.Default with { Enabled = true };
        for (var u = 1; u <= Users; u++)
        {
            _storage.Save(u, BookOf(u));
            _storage.Save(u, alerts);
            _storage.Save(u, UserSettings.Default with { Exchange = Exchanges[u % Exchanges.Length] });
        }

        // Marks 8% below the entries' base: longs at 10x and more near or past their levels.
        var marks = Symbols.Select((s, i) => (Symbol: s, Mark: Entries[i] * 0.92m)).ToList();
        _exchange = StartExchange(marks);
        var url = _exchange.BaseUrl.ToString();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MarginBot:MarketData:Binance:BaseUrl"] = url,
            ["MarginBot:MarketData:BinanceCoinM:BaseUrl"] = url,
            ["MarginBot:MarketData:Bybit:BaseUrl"] = url,
            ["MarginBot:MarketData:Okx:BaseUrl"] = url,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMarginBotMarketData(configuration);
        _services = services.BuildServiceProvider();
        _service = new AlertService(
            _storage, _storage, _storage, TierCatalog.LoadBundled(), _services.GetRequiredService<IMarketData>(),
            new JournalingSender(_storage), _clock, TimeSpan.FromSeconds(10));

        // The first pass sends today's alerts: the steady passes find them sent.
        Sent = _service.RunOnceAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Alerts sent by the last pass (printed by the setup's caller when run by hand).</summary>
    public int Sent { get; private set; }

    [Benchmark]
    public int OnePass()
    {
        _clock.Advance(Pass == "NewDay" ? TimeSpan.FromDays(1) : TimeSpan.FromSeconds(10));
        Sent = _service!.RunOnceAsync(CancellationToken.None).GetAwaiter().GetResult();
        return Sent;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _service?.Dispose();
        _services?.Dispose();
        _exchange?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _storage?.Dispose();
        _folder?.Delete(recursive: true);
    }

    private static TraderBook BookOf(int u) => new(
        50_000m,
        [.. Symbols.Take(PositionsPerUser).Select((s, i) => new Position
        {
            Symbol = s,
            Side = (u + i) % 2 == 0 ? Side.Long : Side.Short,
            Quantity = 1000m / Entries[i],
            EntryPrice = Entries[i] * (1m + ((u % 7) / 100m)),
            Leverage = 5m + (u % 4) * 5m,
            Mode = (u + i) % 3 == 0 ? MarginMode.Isolated : MarginMode.Cross,
        })],
        new Dictionary<string, decimal>());

    // The three all-symbol endpoints of the market-data tests' fake exchange, each listing the five
    // symbols among 400 others (about the size of the real answers), in the documented shapes (see
    // the market-data tests' fixtures).
    private static FakeExchangeServer StartExchange(IReadOnlyList<(string Symbol, decimal Mark)> held)
    {
        var all = held.Concat(Enumerable.Range(0, 400).Select(i => (Symbol: "C" + i.ToString(CultureInfo.InvariantCulture) + "USDT", Mark: 1m + i))).ToList();
        string P(decimal d) => d.ToString(CultureInfo.InvariantCulture);
        var binance = "[" + string.Join(",", all.Select(m =>
            $$"""{"symbol":"{{m.Symbol}}","markPrice":"{{P(m.Mark)}}","indexPrice":"{{P(m.Mark)}}","estimatedSettlePrice":"{{P(m.Mark)}}","lastFundingRate":"0.0001","interestRate":"0.0001","nextFundingTime":1747065600000,"time":1747036800000}""")) + "]";
        var bybit = """{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[""" + string.Join(",", all.Select(m =>
            $$"""{"symbol":"{{m.Symbol}}","lastPrice":"{{P(m.Mark)}}","indexPrice":"{{P(m.Mark)}}","markPrice":"{{P(m.Mark)}}","prevPrice24h":"{{P(m.Mark)}}","price24hPcnt":"0.01","highPrice24h":"{{P(m.Mark)}}","lowPrice24h":"{{P(m.Mark)}}","openInterest":"1000","openInterestValue":"1000000","turnover24h":"1000000","volume24h":"1000","fundingRate":"0.0001","nextFundingTime":"1747065600000","ask1Size":"1","bid1Price":"{{P(m.Mark)}}","ask1Price":"{{P(m.Mark)}}","bid1Size":"1"}""")) + """]},"retExtInfo":{},"time":1747036800000}""";
        var okx = """{"code":"0","msg":"","data":[""" + string.Join(",", all.Select(m =>
            $$"""{"instType":"SWAP","instId":"{{m.Symbol[..^4]}}-USDT-SWAP","markPx":"{{P(m.Mark)}}","ts":"1747036800000"}""")) + "]}";
        var server = FakeExchangeServer.StartAsync().GetAwaiter().GetResult();
        server.Answer(FakeExchangeServer.BinanceAllMarks, FakeAnswer.Json(binance));
        server.Answer(FakeExchangeServer.BybitAllMarks, FakeAnswer.Json(bybit));
        server.Answer(FakeExchangeServer.OkxAllMarks, FakeAnswer.Json(okx));
        return server;
    }

    /// <summary>Records each alert and journals its message, a chunk per LiteDB transaction, as the outbox sender does.</summary>
    private sealed class JournalingSender(LiteDbStorage storage) : IAlertSender
    {
        public int SendNew(IReadOnlyList<(long UserId, PendingAlert Alert)> alerts, DateOnly day) =>
            alerts.Chunk(256).Sum(chunk => storage.InTransaction(() => chunk.Count(a =>
                ((IAlertStore)storage).TryRecordSent(a.UserId, a.Alert.Key, day) && storage.AddOutgoing(a.UserId, a.Alert.Reply.Html) > 0)));
    }

    /// <summary>A clock the benchmark moves: 10 s (the mark TTL) or a day per pass.</summary>
    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan step) => _now += step;
    }
}
