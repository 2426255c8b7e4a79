using System.Diagnostics;
using System.Globalization;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Benchmarks;

/// <summary>
/// Messages per second through the real Dispatcher (Stateless flows, engine, LiteDB in a temporary
/// folder) for N users walking <see cref="Traffic.Script"/>, against the storage floor: a loop that
/// only loads and saves a session document per message in the same kind of database.
/// </summary>
internal static class PipelineSuite
{
    /// <summary>The issue's target: the pipeline keeps at least this share of the floor's rate.</summary>
    public const double Target = 0.5;

    public static IReadOnlyList<Figure> Run(TextWriter log)
    {
        var figures = new List<Figure>();
        var length = Traffic.Script.Length;

        // (users, script lines to warm up, script lines measured): the headline, 1,000 users, walks
        // the whole script twice; 100 users (run first, warming the JIT) three times; 10,000 users
        // its first six lines (the /liq quote and /check's first five steps), to keep the run short.
        foreach (var (users, warmUp, lines) in new[] { (100, length, 3 * length), (1_000, 0, 2 * length), (10_000, 0, 6) })
        {
            var pipeline = Pipeline(users, warmUp, lines);
            var floor = Floor(users, warmUp, lines);
            var ratio = pipeline.Rate / floor;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pipeline {users} users: {pipeline.Rate:0} msgs/s, floor {floor:0} msgs/s, ratio {ratio:0.00}, failures {pipeline.Failures}"));
            if (pipeline.Failures > 0)
            {
                throw new InvalidOperationException($"{pipeline.Failures} messages went off the script (see Traffic.Driver): the figure would not measure the conversation.");
            }

            figures.Add(new Figure(
                string.Create(CultureInfo.InvariantCulture, $"pipeline msgs/s, {users:N0} users{(lines < length ? $", script's first {lines} lines" : string.Empty)} (dispatcher + Stateless + LiteDB)"),
                Figures.PerSecond(pipeline.Rate),
                Figures.PerSecond(floor) + " (session load+save)",
                Figures.Ratio(pipeline.Rate, floor),
                users == 1_000 ? "≥ 0.50 of baseline" : Figures.None,
                users == 1_000 ? ratio >= Target : null));
        }

        // As the Telegram host runs it: each message in one storage transaction that ends with a
        // checkpoint (LiteDbStorage.InTransaction; durable before the replies go out). Informative:
        // the floor loop has no such durability step.
        var hosted = Pipeline(1_000, 0, 6, inHostTransaction: true);
        var hostFloor = Floor(1_000, 0, 6);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pipeline in host transactions, 1000 users: {hosted.Rate:0} msgs/s, floor {hostFloor:0} msgs/s"));
        figures.Add(new Figure(
            "pipeline msgs/s, 1,000 users, script's first 6 lines, each message in the host's durable transaction",
            Figures.PerSecond(hosted.Rate),
            Figures.PerSecond(hostFloor) + " (session load+save)",
            Figures.Ratio(hosted.Rate, hostFloor),
            Figures.None,
            null));
        return figures;
    }

    private static (double Rate, int Failures) Pipeline(int users, int warmUp, int lines, bool inHostTransaction = false)
    {
        using var temp = new Traffic.TempDatabase("pipeline");
        using var storage = LiteDbStorage.Open(temp.FilePath);
        Traffic.Seed(storage, users, withSession: false);
        var clock = new FakeTimeProvider(Traffic.Start);
        var driver = new Traffic.Driver(storage, users, clock)
        {
            Around = inHostTransaction ? storage.InTransaction : null,
        };
        driver.Run(0, warmUp);
        var watch = Stopwatch.StartNew();
        var sent = driver.Run(warmUp, warmUp + lines);
        return (sent / watch.Elapsed.TotalSeconds, driver.Failures);
    }

    private static double Floor(int users, int warmUp, int lines)
    {
        using var temp = new Traffic.TempDatabase("floor");
        using var storage = LiteDbStorage.Open(temp.FilePath);
        Traffic.Seed(storage, users, withSession: false);
        var clock = new FakeTimeProvider(Traffic.Start);
        var sent = 0;
        var watch = new Stopwatch();
        for (var line = 0; line < warmUp + lines; line++)
        {
            if (line == warmUp)
            {
                watch.Start();
                sent = 0;
            }

            for (var u = 0; u < users; u++)
            {
                var id = Traffic.FirstUser + u;
                var session = storage.Load(id, id) ?? Traffic.MidCheck(clock.GetUtcNow());
                storage.Save(id, id, session with { LastActivity = clock.GetUtcNow() });
                sent++;
                clock.Advance(Traffic.Pace(users));
            }
        }

        return sent / watch.Elapsed.TotalSeconds;
    }
}
