using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using MarginBot.Charts;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Charts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;
using ScottPlot;

namespace MarginBot.Benchmarks;

/// <summary>
/// One inline query (<c>@MarginBot btc long 60000 10x</c>) answered by <see cref="Dispatcher.AnswerInline"/>
/// for a stored user: settings read from LiteDB, the quote parsed, the engine run, the text built.
/// The baseline is the engine's part alone: the isolated LP the answer is built around.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet needs unsealed classes and closes them in [GlobalCleanup].")]
public class InlineQueryBenchmarks
{
    private const string Query = "btc long 60000 10x";
    private Traffic.TempDatabase _temp = null!;
    private LiteDbStorage _storage = null!;
    private Dispatcher _dispatcher = null!;
    private PricedPosition _member;

    [GlobalSetup]
    public void Setup()
    {
        _temp = new Traffic.TempDatabase("inline");
        _storage = LiteDbStorage.Open(_temp.FilePath);
        Traffic.Seed(_storage, 1, withSession: false);
        _dispatcher = new Dispatcher(_storage.AsStores(), TierCatalog.LoadBundled(), new FakeTimeProvider(Traffic.Start));
        var tiers = TierCatalog.LoadBundled().Resolve(ExchangeId.Binance, ContractKind.Linear, "BTCUSDT");
        _member = new PricedPosition(new Position { Symbol = "BTCUSDT", Side = Side.Long, Quantity = 0.001m, EntryPrice = 60_000m, Leverage = 10m, Mode = MarginMode.Isolated }, tiers, 60_000m);
        if (AnswerInline().Count == 0)
        {
            throw new InvalidOperationException("The inline query got no answer: the figure would measure nothing.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.Dispose();
        _temp.Dispose();
    }

    [Benchmark(Baseline = true)]
    public LiquidationResult EngineLpOnly() => MarginRules.Isolated(ExchangeProfile.Binance, ExchangeProfile.Binance.DefaultFees, _member, _member.Position.PositionMargin);

    [Benchmark]
    public IReadOnlyList<InlineAnswer> AnswerInline() => _dispatcher.AnswerInline(Traffic.FirstUser, Query);
}

/// <summary>
/// One equity-curve chart (the /compare reply's: cross and isolated equity curves, liquidation
/// markers) drawn to PNG by <see cref="ScottPlotChartRenderer"/>. The baseline is ScottPlot's floor:
/// an empty plot of the same size encoded to PNG.
/// </summary>
[MemoryDiagnoser]
public class ChartRenderBenchmarks
{
    private ScottPlotChartRenderer _renderer = null!;
    private ChartSpec _chart = null!;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new ScottPlotChartRenderer();
        using var temp = new Traffic.TempDatabase("chart");
        using var storage = LiteDbStorage.Open(temp.FilePath);
        Traffic.Seed(storage, 1, withSession: false);
        var driver = new Traffic.Driver(storage, 1, new FakeTimeProvider(Traffic.Start));
        _chart = driver.Send(0, "/compare -20%").Select(r => r.Chart).OfType<ChartSpec>().FirstOrDefault()
            ?? throw new InvalidOperationException("/compare gave no chart to draw.");
        if (RenderChart().Length == 0 || BlankPlot().Length == 0)
        {
            throw new InvalidOperationException("A chart came out empty.");
        }
    }

    [Benchmark(Baseline = true)]
    public byte[] BlankPlot()
    {
        var plot = new Plot();
        return plot.GetImageBytes(ScottPlotChartRenderer.Width, ScottPlotChartRenderer.Height, ImageFormat.Png);
    }

    [Benchmark]
    public byte[] RenderChart() => _renderer.RenderPng(_chart);
}
