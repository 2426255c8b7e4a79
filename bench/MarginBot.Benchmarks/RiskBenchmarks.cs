using BenchmarkDotNet.Attributes;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Risk;

namespace MarginBot.Benchmarks;

/// <summary>
/// The what-if cascade along a 400-step path (every coin −30%) and a 400-point equity curve
/// (−30% … +30%), for books of N cross positions.
/// </summary>
[MemoryDiagnoser]
public class RiskBenchmarks
{
    private static readonly CascadeOptions FourHundredSteps = new() { StepsPerLeg = 400 };
    private static readonly MoveScenario Crash = MoveScenario.Everything(-30m);
    private Book _book = null!;

    [Params(10, 100, 1000)]
    public int Positions { get; set; }

    [GlobalSetup]
    public void Setup() => _book = SampleBooks.Cross(Positions);

    [Benchmark]
    public CascadeResult Cascade400Steps() => WhatIf.Run(_book, Crash, FourHundredSteps);

    [Benchmark]
    public EquityCurveResult EquityCurve400Points() => EquityCurve.Compute(_book, -30m, 30m, 400);
}
