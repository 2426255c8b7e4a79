using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MarginBot.Conversations.Alerts;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Settings;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;

namespace MarginBot.Benchmarks;

/// <summary>
/// One alert pass's computing: 10,000 users × 5 positions re-marked with given live marks and
/// analyzed by the engine (AlertPass.Check). No network, no storage: what the 10 s cycle must fit besides I/O.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class AlertPassBenchmarks
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT"];
    private static readonly decimal[] Entries = [60000m, 3000m, 150m, 0.6m, 0.15m];
    private readonly TierCatalog _catalog = TierCatalog.LoadBundled();
    private readonly AlertSettings _alerts = AlertSettings.Default with { Enabled = true };
    private readonly DateTimeOffset _now = new(2026, 5, 12, 8, 0, 0, TimeSpan.Zero);
    private List<TraderBook> _books = [];
    private Dictionary<string, decimal> _marks = [];

    [Params(10_000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _books = [.. Enumerable.Range(0, Users).Select(u => new TraderBook(
            50_000m,
            [.. Symbols.Select((s, i) => new Position
            {
                Symbol = s,
                Side = (u + i) % 2 == 0 ? Side.Long : Side.Short,
                Quantity = 1000m / Entries[i],
                EntryPrice = Entries[i] * (1m + ((u % 7) / 100m)),
                Leverage = 5m + (u % 4) * 5m,
                Mode = (u + i) % 3 == 0 ? MarginMode.Isolated : MarginMode.Cross,
            })],
            new Dictionary<string, decimal>()))];

        // Marks 8% below the entries' base: longs near their wide levels, some alerts found.
        _marks = Symbols.Select((s, i) => (s, Entries[i] * 0.92m)).ToDictionary(x => x.s, x => x.Item2, StringComparer.Ordinal);
    }

    [Benchmark]
    public int OnePass()
    {
        var found = 0;
        foreach (var book in _books)
        {
            found += AlertPass.Check(book, UserSettings.Default, _alerts, _marks, _catalog, _now).Count;
        }

        return found;
    }
}
