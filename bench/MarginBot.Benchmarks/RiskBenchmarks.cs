using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Risk;

namespace MarginBot.Benchmarks;

/// <summary>
/// The what-if cascade along a 400-step path (every coin −30%) and a 400-point equity curve
/// (−30% … +30%), for books of N cross positions. Each has a baseline in its category: the same
/// walk as plain loops over arrays that check the account at every step (StraightLine).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class RiskBenchmarks
{
    private const int Steps = 400;
    private const decimal Move = -30m;
    private static readonly CascadeOptions FourHundredSteps = new() { StepsPerLeg = Steps };
    private static readonly MoveScenario Crash = MoveScenario.Everything(Move);
    private Book _book = null!;
    private FlatBook _flat = null!;

    [Params(10, 100, 1000)]
    public int Positions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _book = SampleBooks.Cross(Positions);
        _flat = FlatBook.Of(_book);
        CheckAgreement(_book, expectLiquidations: false);

        // The sample book survives the crash; a thin wallet of longs makes the cross account trip too.
        CheckAgreement(_book with
        {
            WalletBalance = 40m * Positions,
            Positions = [.. _book.Positions.Select(p => p with { Side = Engine.Contracts.Side.Long })],
        }, expectLiquidations: true);
    }

    /// <summary>Throws unless the straight-line walks give the engine's end state and curve to the cent.</summary>
    internal static void CheckAgreement(Book book, bool expectLiquidations)
    {
        var flat = FlatBook.Of(book);
        var (wallet, equity, closed) = StraightLine.Cascade(flat, Move, Steps);
        var cascade = WhatIf.Run(book, Crash, FourHundredSteps);
        Agreement.ToTheCent("cascade end", [wallet, equity, closed], [cascade.End.WalletBalance, cascade.End.Equity, cascade.Events.Count]);
        var (cross, isolated) = StraightLine.EquityCurve(flat, Move, -Move, Steps);
        var curve = EquityCurve.Compute(book, Move, -Move, Steps);
        Agreement.ToTheCent("curve, cross", cross, [.. curve.Points.Select(p => p.CrossEquity)]);
        Agreement.ToTheCent("curve, isolated", isolated, [.. curve.Points.Select(p => p.IsolatedEquity)]);
        var liquidated = cascade.Events.Count > 0 && curve.CrossLiquidations.Count > 0 && curve.IsolatedLiquidations.Count > 0;
        if (expectLiquidations && !liquidated)
        {
            throw new InvalidOperationException("The thin-wallet book was meant to liquidate in every walk; without that the check compares no liquidation arithmetic.");
        }
    }

    [BenchmarkCategory("Cascade"), Benchmark(Baseline = true)]
    public (decimal Wallet, decimal Equity, int Closed) StraightLineCascade() => StraightLine.Cascade(_flat, Move, Steps);

    [BenchmarkCategory("Cascade"), Benchmark]
    public CascadeResult Cascade400Steps() => WhatIf.Run(_book, Crash, FourHundredSteps);

    [BenchmarkCategory("EquityCurve"), Benchmark(Baseline = true)]
    public (decimal[] Cross, decimal[] Isolated) StraightLineEquityCurve() => StraightLine.EquityCurve(_flat, Move, -Move, Steps);

    [BenchmarkCategory("EquityCurve"), Benchmark]
    public EquityCurveResult EquityCurve400Points() => EquityCurve.Compute(_book, Move, -Move, Steps);
}
