using System.Diagnostics;
using System.Globalization;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Benchmarks;

/// <summary>
/// The memory of a process that opens a large database and serves messages, measured inside a
/// fresh child process (this program, started with <see cref="Verb"/>) so that nothing the parent
/// allocated counts: working set and managed heap before opening, after opening, after serving.
/// </summary>
internal static class MemoryProbe
{
    public const string Verb = "memory-probe";

    private const int Messages = 1_000;

    /// <summary>Runs the probe in a child process on <paramref name="path"/> and returns its figures.</summary>
    public static IReadOnlyList<Figure> Measure(string path, int users, TextWriter log)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path to start the probe with.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(MemoryProbe).Assembly.Location);
        }

        start.ArgumentList.Add(Verb);
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(users.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The memory probe did not start.");
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        log.Write(output);
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The memory probe failed ({child.ExitCode}).");
        }

        var readings = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 3 && parts[0] == "probe")
            .ToDictionary(parts => parts[1], parts => double.Parse(parts[2], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var name = string.Create(CultureInfo.InvariantCulture, $"{users:N0}-user database");
        return
        [
            new Figure($"working set, process that opened the {name}", Figures.Bytes(readings["opened.ws"]), Figures.Bytes(readings["idle.ws"]) + " (before opening)", Figures.Ratio(readings["opened.ws"], readings["idle.ws"]), Figures.None, null),
            new Figure(string.Create(CultureInfo.InvariantCulture, $"working set, the same after serving {Messages:N0} messages"), Figures.Bytes(readings["served.ws"]), Figures.Bytes(readings["idle.ws"]) + " (before opening)", Figures.Ratio(readings["served.ws"], readings["idle.ws"]), Figures.None, null),
            new Figure(string.Create(CultureInfo.InvariantCulture, $"managed heap, the same after serving {Messages:N0} messages"), Figures.Bytes(readings["served.heap"]), Figures.Bytes(readings["idle.heap"]) + " (before opening)", Figures.Ratio(readings["served.heap"], readings["idle.heap"]), Figures.None, null),
        ];
    }

    /// <summary>The child's side: prints "probe &lt;reading&gt; &lt;bytes&gt;" lines.</summary>
    public static int Run(string[] args)
    {
        var path = args[0];
        var users = int.Parse(args[1], CultureInfo.InvariantCulture);
        Print("idle");
        using var storage = LiteDbStorage.Open(path);
        var driver = new Traffic.Driver(storage, users, new FakeTimeProvider(Traffic.Start));
        Print("opened");

        // Users spread over the whole file, each asking a quote and starting /check.
        var stride = Math.Max(1, users * 5 / Messages);
        var sent = 0;
        for (var u = 0; u < users && sent < Messages; u += stride)
        {
            foreach (var line in Traffic.Script.Take(5))
            {
                driver.Send(u, line);
                sent++;
            }
        }

        Print("served");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe served.messages {sent}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe served.failures {driver.Failures}"));
        return driver.Failures == 0 ? 0 : 1;
    }

    private static void Print(string stage)
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe {stage}.ws {self.WorkingSet64}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe {stage}.heap {heap}"));
    }
}
