using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace MarginBot.Benchmarks;

/// <summary>
/// <c>all</c>: every BenchmarkDotNet class with a short in-process job, then the in-process suites,
/// then one summary table (figure, value, baseline, ratio, target, met) printed and written to
/// BenchmarkDotNet.Artifacts/summary.md. <c>all --filter '*Cross*'</c> narrows the BenchmarkDotNet
/// part; <c>--no-suites</c> skips the in-process suites, <c>--dry</c> runs each benchmark once (a smoke test).
/// </summary>
internal static class AllCommand
{
    /// <summary>
    /// The suites after BenchmarkDotNet, in order, one line each: a name and a function from the log
    /// writer to the suite's figures, e.g. <c>("e2e", EndToEnd.EndToEndSuite.RunAsync)</c> for a
    /// <c>public static Task&lt;IReadOnlyList&lt;Figure&gt;&gt; RunAsync(TextWriter log)</c>.
    /// </summary>
    private static readonly (string Name, Func<TextWriter, Task<IReadOnlyList<Figure>>> Run)[] Suites =
    [
        ("pipeline", log => Task.FromResult(PipelineSuite.Run(log))),
        ("storage", log => Task.FromResult(StorageSuite.Run(log))),
        ("e2e", log => EndToEnd.EndToEndSuite.RunAsync(log, CancellationToken.None)),
    ];

    /// <summary>Every BenchmarkDotNet class of the project.</summary>
    private static readonly Type[] BenchmarkClasses =
    [
        typeof(IsolatedLiquidationBenchmarks),
        typeof(CrossBookBenchmarks),
        typeof(RiskBenchmarks),
        typeof(InlineQueryBenchmarks),
        typeof(ChartRenderBenchmarks),
        typeof(AlertPassBenchmarks),
    ];

    /// <summary>Targets from the issues, by benchmark (method name and parameters as BenchmarkDotNet shows them): text and the limit in ns.</summary>
    private static readonly Dictionary<string, (string Text, double MaxNs)> Targets = new(StringComparer.Ordinal)
    {
        ["IsolatedWithTierSearch"] = ("≤ 1 µs", 1_000),
        ["AllCrossLiquidationPrices [Positions=100]"] = ("≤ 100 µs", 100_000),
        ["Cascade400Steps [Positions=100]"] = ("≤ 10 ms", 10_000_000),
        ["EquityCurve400Points [Positions=100]"] = ("≤ 5 ms", 5_000_000),
    };

    public static async Task<int> Run(string[] args)
    {
        var started = DateTimeOffset.UtcNow;
        var loads = new List<string> { "start " + LoadAverage() };
        var dry = args.Contains("--dry");
        var noSuites = args.Contains("--no-suites");
        var bdnArgs = args.Where(a => a is not "--dry" and not "--no-suites").ToArray();

        var job = dry
            ? Job.Dry
            : Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(250));
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
            .WithOptions(ConfigOptions.DisableLogFile);
        IEnumerable<Summary> summaries = bdnArgs.Contains("--filter")
            ? BenchmarkSwitcher.FromTypes(BenchmarkClasses).Run(bdnArgs, config)
            : BenchmarkRunner.Run(BenchmarkClasses, config);
        var figures = summaries.SelectMany(FromSummary).ToList();
        loads.Add("after BenchmarkDotNet " + LoadAverage());

        foreach (var (name, run) in noSuites ? [] : Suites)
        {
            Console.WriteLine($"// suite {name}");
            figures.AddRange(await run(Console.Out).ConfigureAwait(false));
            loads.Add($"after {name} " + LoadAverage());
        }

        var report = string.Join(
            Environment.NewLine,
            "# MarginBot benchmark summary",
            string.Empty,
            string.Create(CultureInfo.InvariantCulture, $"Date {started:yyyy-MM-dd HH:mm} UTC, {(DateTimeOffset.UtcNow - started).TotalMinutes:0.0} min. Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}."),
            "Load average (1, 5, 15 min): " + string.Join("; ", loads) + ".",
            "Command: dotnet run -c Release --project bench/MarginBot.Benchmarks -- all " + string.Join(' ', args),
            string.Empty,
            Figures.Table(figures));
        Console.WriteLine(report);
        Directory.CreateDirectory("BenchmarkDotNet.Artifacts");
        await File.WriteAllTextAsync(Path.Combine("BenchmarkDotNet.Artifacts", "summary.md"), report).ConfigureAwait(false);
        return figures.Any(f => f.Met == false) ? 2 : 0;
    }

    /// <summary>A row per benchmark: its mean, its category's baseline's mean, the ratio and any target.</summary>
    private static IEnumerable<Figure> FromSummary(Summary summary)
    {
        foreach (var report in summary.Reports)
        {
            var benchmark = report.BenchmarkCase;
            if (report.ResultStatistics is not { } statistics)
            {
                yield return Figures.Alone(Name(benchmark), "failed");
                continue;
            }

            var mean = statistics.Mean;
            var baseline = BaselineOf(summary, benchmark);
            var baselineMean = baseline is null ? (double?)null : summary[baseline]?.ResultStatistics?.Mean;
            var key = benchmark.Descriptor.WorkloadMethod.Name + (benchmark.HasParameters ? " " + benchmark.Parameters.DisplayInfo : string.Empty);
            var target = Targets.TryGetValue(key, out var t) ? t : ((string Text, double MaxNs)?)null;
            yield return new Figure(
                Name(benchmark),
                Figures.Time(mean) + " (" + Figures.PerSecond(1e9 / mean) + ")",
                benchmark.Descriptor.Baseline ? "(baseline)" : baselineMean is { } b ? Figures.Time(b) + " (" + baseline!.Descriptor.WorkloadMethod.Name + ")" : Figures.None,
                baselineMean is { } bm ? Figures.Ratio(mean, bm) : Figures.None,
                target?.Text ?? Figures.None,
                target is { } limit ? mean <= limit.MaxNs : null);
        }
    }

    /// <summary>The baseline of the same class, category and parameters, or null (none, or it is the baseline).</summary>
    private static BenchmarkCase? BaselineOf(Summary summary, BenchmarkCase benchmark) =>
        benchmark.Descriptor.Baseline ? null : summary.BenchmarksCases.FirstOrDefault(other =>
            other.Descriptor.Baseline
            && other.Descriptor.Type == benchmark.Descriptor.Type
            && other.Descriptor.Categories.SequenceEqual(benchmark.Descriptor.Categories)
            && other.Parameters.DisplayInfo == benchmark.Parameters.DisplayInfo);

    private static string Name(BenchmarkCase benchmark) =>
        benchmark.Descriptor.Type.Name + "." + benchmark.Descriptor.WorkloadMethod.Name
        + (benchmark.HasParameters ? " " + benchmark.Parameters.DisplayInfo : string.Empty);

    /// <summary>The 1, 5 and 15 minute load averages where the system reports them (Linux), or "n/a".</summary>
    private static string LoadAverage()
    {
        const string LoadFile = "/proc/loadavg";
        return File.Exists(LoadFile) ? string.Join(' ', File.ReadAllText(LoadFile).Split(' ').Take(3)) : "n/a";
    }
}
