using BenchmarkDotNet.Running;

namespace MarginBot.Benchmarks;

/// <summary>Entry point; named so it does not clash with the bot's own top-level Program.</summary>
internal static class BenchmarkProgram
{
    // dotnet run -c Release --project bench/MarginBot.Benchmarks -- --filter '*'
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
