using BenchmarkDotNet.Running;

namespace MarginBot.Benchmarks;

/// <summary>Entry point; named so it does not clash with the bot's own top-level Program.</summary>
internal static class BenchmarkProgram
{
    // dotnet run -c Release --project bench/MarginBot.Benchmarks -- all            (everything, summary table)
    // dotnet run -c Release --project bench/MarginBot.Benchmarks -- pipeline|storage (one in-process suite)
    // dotnet run -c Release --project bench/MarginBot.Benchmarks -- e2e             (the real host over HTTP, start-up, process memory)
    // dotnet run -c Release --project bench/MarginBot.Benchmarks -- script          (one user's conversation in the pipeline)
    // dotnet run -c Release --project bench/MarginBot.Benchmarks -- --filter '*'   (BenchmarkDotNet as usual)
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "all":
                return await AllCommand.Run(args[1..]).ConfigureAwait(false);
            case "pipeline":
                Console.WriteLine(Figures.Table(PipelineSuite.Run(Console.Out)));
                return 0;
            case "storage":
                Console.WriteLine(Figures.Table(StorageSuite.Run(Console.Out)));
                return 0;
            case "e2e":
                Console.WriteLine(Figures.Table(await EndToEnd.EndToEndSuite.RunAsync(Console.Out, CancellationToken.None).ConfigureAwait(false)));
                return 0;
            case "pipeline-profile":
                PipelineProfile.Run(Console.Out, inTransaction: args.Contains("--transaction"));
                return 0;
            case "script":
                Traffic.Show(Console.Out);
                return 0;
            case MemoryProbe.Verb:
                return MemoryProbe.Run(args[1..]);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
                return 0;
        }
    }
}
