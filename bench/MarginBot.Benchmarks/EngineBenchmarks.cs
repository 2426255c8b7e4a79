using BenchmarkDotNet.Attributes;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Tiers;

namespace MarginBot.Benchmarks;

/// <summary>
/// One isolated liquidation price with the tier search (a position whose tier at entry differs
/// from its tier at liquidation), on Binance's real 12-tier BTCUSDT table; the baseline is the same
/// closed form written as one expression with a hand-inlined tier pick over plain decimal arrays.
/// </summary>
[MemoryDiagnoser]
public class IsolatedLiquidationBenchmarks
{
    private const decimal Margin = 12_000m;
    private PricedPosition _member;
    private decimal[] _caps = [];
    private decimal[] _rates = [];
    private decimal[] _amounts = [];

    [GlobalSetup]
    public void Setup()
    {
        var tiers = TierCatalog.LoadBundled().Resolve(ExchangeId.Binance, ContractKind.Linear, "BTCUSDT");
        var position = new Position { Symbol = "BTCUSDT", Side = Side.Long, Quantity = 1m, EntryPrice = 60_000m, Leverage = 5m, Mode = MarginMode.Isolated };
        _member = new PricedPosition(position, tiers, 60_000m);
        _caps = FlatBook.CapsOf(tiers);
        _rates = [.. tiers.Tiers.Select(t => t.MaintenanceMarginRate)];
        _amounts = [.. tiers.Tiers.Select(t => t.MaintenanceAmount)];
        Agreement.ToTheCent("isolated LP", [StraightLineIsolated()], [IsolatedWithTierSearch().Price ?? 0m]);
    }

    [Benchmark(Baseline = true)]
    public decimal StraightLineIsolated() => StraightLine.IsolatedLp(1m, 60_000m, 60_000m, Margin, isLong: true, _caps, _rates, _amounts);

    [Benchmark]
    public LiquidationResult IsolatedWithTierSearch() => MarginRules.Isolated(ExchangeProfile.Binance, ExchangeProfile.Binance.DefaultFees, _member, Margin);
}

/// <summary>
/// Every position's cross liquidation price (and the rest of the report) for a book of N cross
/// positions on N different symbols, Binance rules and bundled tables. The baseline computes the
/// same LPs in two plain loops over arrays (account totals, then each price); the full report's
/// ratio is against the same baseline (it does far more: bankruptcy prices, PnL, ROE, findings).
/// </summary>
[MemoryDiagnoser]
public class CrossBookBenchmarks
{
    private Book _book = null!;
    private FlatBook _flat = null!;

    [Params(10, 100, 1000)]
    public int Positions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _book = SampleBooks.Cross(Positions);
        _flat = FlatBook.Of(_book);
        Agreement.ToTheCent("cross LPs", StraightLineCrossLps(), [.. AllCrossLiquidationPrices().Select(r => r.Price ?? 0m)]);
    }

    [Benchmark(Baseline = true)]
    public decimal[] StraightLineCrossLps() => StraightLine.CrossLps(_flat);

    [Benchmark]
    public LiquidationResult[] AllCrossLiquidationPrices() => BookAnalyzer.LiquidationPrices(_book);

    [Benchmark]
    public BookReport FullReport() => BookAnalyzer.Analyze(_book);
}

/// <summary>Books of N cross positions on N symbols, half long and half short, marks within ±5% of entry.</summary>
internal static class SampleBooks
{
    public static Book Cross(int count, int seed = 42)
    {
        var catalog = TierCatalog.LoadBundled();
        var symbols = catalog.Symbols(ExchangeId.Binance, ContractKind.Linear);
        var random = new Random(seed);
        var positions = new List<Position>(count);
        var marks = new Dictionary<string, decimal>();
        for (var i = 0; i < count; i++)
        {
            // Beyond the 318 bundled symbols, made-up names take the fallback table: same work per position.
            var symbol = i < symbols.Count ? symbols[i] : $"SYN{i}USDT";
            var entry = Math.Round((decimal)(random.NextDouble() * 1000) + 1m, 4);
            positions.Add(new Position
            {
                Symbol = symbol,
                Side = i % 2 == 0 ? Side.Long : Side.Short,
                Quantity = Math.Round(2_000m / entry, 4),
                EntryPrice = entry,
                Leverage = 10m,
                Mode = MarginMode.Cross,
            });
            marks[symbol] = entry * (1m + ((decimal)random.NextDouble() * 0.1m) - 0.05m);
        }

        return new Book { WalletBalance = 500m * count, Positions = positions, MarkPrices = marks }.WithTiers(catalog);
    }
}
