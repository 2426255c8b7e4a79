namespace MarginBot.Benchmarks;

/// <summary>Placeholder while the suites are built.</summary>
internal static class AllCommand
{
    public static int Run(string[] args) => args.Length;
}
