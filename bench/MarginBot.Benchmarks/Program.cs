using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/MarginBot.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
