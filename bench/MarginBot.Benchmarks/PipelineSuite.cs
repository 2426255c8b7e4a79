using System.Diagnostics;
using System.Globalization;
using MarginBot.Conversations.Chat;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using MarginBot.Telegram;
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

        // (users, script lines to warm up, script lines measured, whether the dispatcher keeps its own
        // record of each message id): the headline, 1,000 users, walks the whole script twice; 100 users
        // (run first: three rounds warm the JIT) three times; 10,000 users its first six lines (the /liq
        // quote and /check's first five steps), to keep the run short. The dispatcher's own record is
        // what transcripts use (the console chat did until issue 8); the Telegram host turns it off and records update
        // ids itself (measured in the host rows below). 1,000 users are measured both ways.
        foreach (var (users, warmUp, lines, dedupes) in new[]
        {
            (100, 3 * length, 3 * length, false), (1_000, 0, 2 * length, false), (10_000, 0, 6, false), (1_000, 0, 2 * length, true),
        })
        {
            var (pipeline, floor, failures) = Measure(users, warmUp, lines, dedupes);
            var ratio = pipeline / floor;
            var how = dedupes ? "with the dispatcher's own message record (transcripts)" : "as the Telegram host configures the dispatcher (no message record)";
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pipeline {users} users, {how}: {pipeline:0} msgs/s, floor {floor:0} msgs/s, ratio {ratio:0.00}, failures {failures}"));
            figures.Add(new Figure(
                string.Create(CultureInfo.InvariantCulture, $"pipeline msgs/s, {users:N0} users{(lines < length ? $", script's first {lines} lines" : string.Empty)} (dispatcher + Stateless + LiteDB; {how})"),
                Figures.PerSecond(pipeline),
                Figures.PerSecond(floor) + " (session load+save)",
                Figures.Ratio(pipeline, floor),
                users == 1_000 ? "≥ 0.50 of baseline" : Figures.None,
                users == 1_000 ? ratio >= Target : null));
        }

        // As the Telegram host runs it (UpdateHandler): the update ids looked up, then the message and the
        // update id's record stored in a transaction that ends with a checkpoint (durable before the
        // replies go out). Informative: the floor loop has no such durability step. Before issue 8's
        // shared transactions each update had its own transaction and checkpoint ("before": with the
        // dispatcher also keeping its own record of every message id, a second read and write per
        // update; then without it, ConversationOptions.DeduplicateMessages off). Now the decisions
        // waiting together share one transaction and checkpoint; here a getUpdates batch of 100.
        foreach (var (host, dispatcherDedupes, label) in new[]
        {
            (Host.PerUpdate, true, "one transaction per update, before: dispatcher's own message record too"),
            (Host.PerUpdate, false, "one transaction per update, no dispatcher record"),
            (Host.SharedBatch, false, "shared transaction per batch of 100 updates: the host now"),
        })
        {
            var (hosted, hostFloor, _) = Measure(1_000, 0, 6, dispatcherDedupes, host);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pipeline in host transactions ({label}), 1000 users: {hosted:0} msgs/s, floor {hostFloor:0} msgs/s"));
            figures.Add(new Figure(
                $"pipeline msgs/s, 1,000 users, script's first 6 lines, as the Telegram host runs updates (durable, update-id record; {label})",
                Figures.PerSecond(hosted),
                Figures.PerSecond(hostFloor) + " (session load+save)",
                Figures.Ratio(hosted, hostFloor),
                Figures.None,
                null));
        }

        return figures;
    }

    /// <summary>
    /// The pipeline and the floor over two databases seeded alike, script line by script line in
    /// turn (every user's message of one line through the dispatcher, then as many session loads
    /// and saves), each side timed on its own: a machine whose load changes during the run slows
    /// both alike, so the ratio holds where two runs one after the other would not.
    /// </summary>
    private static (double Pipeline, double Floor, int Failures) Measure(int users, int warmUp, int lines, bool dispatcherDedupes, Host host = Host.None)
    {
        using var pipelineDb = new Traffic.TempDatabase("pipeline");
        using var floorDb = new Traffic.TempDatabase("floor");
        using var pipelineStorage = LiteDbStorage.Open(pipelineDb.FilePath);
        using var floorStorage = LiteDbStorage.Open(floorDb.FilePath);
        Traffic.Seed(pipelineStorage, users, withSession: false);
        Traffic.Seed(floorStorage, users, withSession: false);
        var clock = new FakeTimeProvider(Traffic.Start);
        var dispatcher = new Dispatcher(pipelineStorage.AsStores(), TierCatalog.LoadBundled(), clock, new ConversationOptions { DeduplicateMessages = dispatcherDedupes });
        var updateId = 0;
        var driver = new Traffic.Driver(dispatcher, users, clock)
        {
            Around = host == Host.PerUpdate
                ? work =>
                {
                    var id = ++updateId;
                    if (pipelineStorage.Handled([id]).Count > 0)
                    {
                        return [];
                    }

                    return pipelineStorage.InTransaction(() =>
                    {
                        var replies = work();
                        pipelineStorage.MarkHandled(id, clock.GetUtcNow());
                        return replies;
                    });
                }
                : null,
        };
        Action<int> runLine = host == Host.SharedBatch
            ? line => SharedBatches(pipelineStorage, driver, users, line, clock, ref updateId)
            : line => driver.Run(line, line + 1);
        var floorClock = new FakeTimeProvider(Traffic.Start);
        var pipelineTime = TimeSpan.Zero;
        var floorTime = TimeSpan.Zero;
        var sent = 0;
        for (var line = 0; line < warmUp + lines; line++)
        {
            var start = Stopwatch.GetTimestamp();
            runLine(line);
            var middle = Stopwatch.GetTimestamp();
            FloorLine(floorStorage, users, floorClock);
            if (line >= warmUp)
            {
                pipelineTime += Stopwatch.GetElapsedTime(start, middle);
                floorTime += Stopwatch.GetElapsedTime(middle);
                sent += users;
            }
        }

        if (driver.Failures > 0)
        {
            throw new InvalidOperationException($"{driver.Failures} messages went off the script (see Traffic.Driver): the figure would not measure the conversation.");
        }

        return (sent / pipelineTime.TotalSeconds, sent / floorTime.TotalSeconds, driver.Failures);
    }

    /// <summary>
    /// One script line as the Telegram host decides a getUpdates batch: for each 100 users, their
    /// update ids looked up at once, then each new one's message and update-id record as one work,
    /// the 100 handed over together as the host does
    /// (<see cref="LiteDbStorage.InSharedTransactionAsync{T}(IReadOnlyList{Func{T}})"/>): one
    /// transaction and one checkpoint for the batch.
    /// </summary>
    private static void SharedBatches(LiteDbStorage storage, Traffic.Driver driver, int users, int line, FakeTimeProvider clock, ref int updateId)
    {
        const int batch = 100;
        var text = Traffic.Script[line % Traffic.Script.Length];
        for (var first = 0; first < users; first += batch)
        {
            var count = Math.Min(batch, users - first);
            var ids = Enumerable.Range(updateId + 1, count).Select(i => (long)i).ToList();
            updateId += count;
            var done = storage.Handled(ids);
            var start = first;
            var works = Enumerable.Range(0, count).Where(i => !done.Contains(ids[i])).Select(i => (Func<int>)(() =>
            {
                driver.Send(start + i, text);
                storage.MarkHandled(ids[i], clock.GetUtcNow());
                clock.Advance(Traffic.Pace(users));
                return i;
            })).ToList();
            Task.WhenAll(storage.InSharedTransactionAsync(works)).GetAwaiter().GetResult();
        }
    }

    /// <summary>How the host's storage work is put around each message: not at all (the pipeline alone), a transaction each, or a shared one per batch.</summary>
    private enum Host
    {
        None,
        PerUpdate,
        SharedBatch,
    }

    /// <summary>The storage floor of one script line: each user's session document loaded and saved.</summary>
    private static void FloorLine(LiteDbStorage storage, int users, FakeTimeProvider clock)
    {
        for (var u = 0; u < users; u++)
        {
            var id = Traffic.FirstUser + u;
            var session = storage.Load(id, id) ?? Traffic.MidCheck(clock.GetUtcNow());
            storage.Save(id, id, session with { LastActivity = clock.GetUtcNow() });
            clock.Advance(Traffic.Pace(users));
        }
    }
}
