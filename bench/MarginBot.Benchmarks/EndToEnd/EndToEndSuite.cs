using System.Globalization;
using MarginBot.Telegram.Tests;

namespace MarginBot.Benchmarks.EndToEnd;

/// <summary>
/// Issue 8, items 3, 5 (process memory) and 6: the real bot over HTTP against a bare echo bot on the
/// same fake Bot API server, and the real process's start-up time and resident memory.
/// Loads come from environment variables so a quick run can shrink them:
/// MARGINBOT_E2E_USERS (default 20,200,2000), MARGINBOT_E2E_STORED (10000,100000),
/// MARGINBOT_E2E_SESSIONS (100,1000,10000), MARGINBOT_E2E_STARTS (5); MARGINBOT_E2E_PARTS (throughput,process) picks the parts
/// (distinct, not in the default: MARGINBOT_E2E_DISTINCT distinct users, default 20000,200000, one /liq each);
/// MARGINBOT_E2E_PARALLEL_CHATS sets the bot's MaxParallelChats (default: the bot's own, 100);
/// MARGINBOT_E2E_ROUNDS the measured rounds per load (3).
/// </summary>
internal static class EndToEndSuite
{
    private const double ThroughputTarget = 0.80;

    /// <summary>Users of the discarded warm-up round that precedes each measured one (JIT, connection pool, LiteDB pages).</summary>
    private const int WarmUsers = 20;

    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(3);

    /// <summary>Distinct users sent at once in <see cref="DistinctUsersAsync"/>.</summary>
    private const int DistinctChunk = 5_000;

    /// <summary>Measured rounds per load, each side's median kept (MARGINBOT_E2E_ROUNDS).</summary>
    private const int Rounds = 3;

    /// <summary>A new user asks for one liquidation price, then walks the whole pre-trade checklist (the margin mode by its button).</summary>
    private static readonly Step[] Walk =
    [
        Says("/liq btc long 60000 10x"), Says("/check"), Says("eth long"), Says("3000"), Says("1 eth"), Says("5x"),
        new(null, "Isolated", 0), Says("600"), Says("200"), Says("2850"), Says("8h"),
    ];

    /// <summary>A checklist left half-way: the session stays open.</summary>
    private static readonly Step[] OpenSession = [Says("/check"), Says("eth long"), Says("3000")];

    public static async Task<IReadOnlyList<Figure>> RunAsync(TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var figures = new List<Figure>();
        await log.WriteLineAsync($"load average at start: {LoadAverage()}");
        var parts = Environment.GetEnvironmentVariable("MARGINBOT_E2E_PARTS") ?? "throughput,process";
        if (parts.Contains("throughput", StringComparison.Ordinal))
        {
            foreach (var users in Loads("MARGINBOT_E2E_USERS", [20, 200, 2_000]))
            {
                figures.AddRange(await ThroughputAsync(log, users, cancellationToken));
            }
        }

        if (parts.Contains("process", StringComparison.Ordinal))
        {
            figures.AddRange(await ProcessAsync(log, cancellationToken));
        }

        if (parts.Contains("distinct", StringComparison.Ordinal))
        {
            figures.AddRange(await DistinctUsersAsync(log, cancellationToken));
        }
        await log.WriteLineAsync($"load average at end: {LoadAverage()}");
        return figures;
    }

    private static Step Says(string text) => new(text, null, 1);

    /// <summary>
    /// Both bots run side by side, each on its own fake server (the idle one only long-polls), and are
    /// measured in turn, echo then MarginBot, <see cref="Rounds"/> times with new users each round; the
    /// figures are each side's median round. The machine is a shared VM whose speed drifts by 2–3×
    /// within minutes: rounds close together in time see the same machine, which one echo run
    /// followed by one bot run did not.
    /// </summary>
    private static async Task<IReadOnlyList<Figure>> ThroughputAsync(TextWriter log, int users, CancellationToken cancellationToken)
    {
        var rounds = Loads("MARGINBOT_E2E_ROUNDS", [Rounds])[0];
        var echoWalk = Walk.Select(s => s.Press is { } label ? Says(label.ToLowerInvariant()) : s with { Replies = 1 }).ToArray();
        var echoRuns = new List<LoadResult>();
        var botRuns = new List<LoadResult>();
        var folder = Directory.CreateTempSubdirectory("marginbot-e2e-");
        try
        {
            await using var echoApi = await FakeBotApi.StartAsync();
            await using var echo = EchoBot.Start(echoApi, Relaxed.PollSeconds);
            await UserLoad.CalibrateAsync(echoApi, 1, echoWalk, TimeSpan.FromMilliseconds(100), cancellationToken);
            await UserLoad.RunAsync(echoApi, 500, WarmUsers, echoWalk, LoadTimeout, cancellationToken);

            await using var api = await FakeBotApi.StartAsync();
            await using var bot = await TestBot.StartAsync(api, folder.FullName, Relaxed.Apply);
            var walk = await UserLoad.CalibrateAsync(api, 1, Walk, TimeSpan.FromMilliseconds(300), cancellationToken);
            await log.WriteLineAsync("reply calls per step: " + string.Join(",", walk.Select(s => s.Replies.ToString(CultureInfo.InvariantCulture))));
            await UserLoad.RunAsync(api, 500, WarmUsers, walk, LoadTimeout, cancellationToken);

            for (var round = 0; round < rounds; round++)
            {
                var firstChat = 1_000 + (round * 1_000_000);
                echoRuns.Add(await UserLoad.RunAsync(echoApi, firstChat, users, echoWalk, LoadTimeout, cancellationToken));
                await log.WriteLineAsync(Describe(Round(round, rounds, "echo bot"), echoRuns[^1]));
                botRuns.Add(await UserLoad.RunAsync(api, firstChat, users, walk, LoadTimeout, cancellationToken));
                await log.WriteLineAsync(Describe(Round(round, rounds, "MarginBot"), botRuns[^1]) + "; ratio " + Percent(botRuns[^1].UpdatesPerSecond / echoRuns[^1].UpdatesPerSecond));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var echoMedian = MedianRun(echoRuns);
        var real = MedianRun(botRuns);
        var ratios = botRuns.Select((r, i) => r.UpdatesPerSecond / echoRuns[i].UpdatesPerSecond).ToList();
        await log.WriteLineAsync(Describe("echo bot, median round", echoMedian));
        await log.WriteLineAsync(Describe("MarginBot, median round", real));
        var ratio = real.UpdatesPerSecond / echoMedian.UpdatesPerSecond;
        var load = $"{N(users)} users × {Walk.Length} updates";
        var spread = $" (rounds {Percent(ratios.Min())}–{Percent(ratios.Max())})";
        return
        [
            new($"Throughput over HTTP, {load}, median of {rounds} rounds", string.Create(CultureInfo.InvariantCulture, $"{real.UpdatesPerSecond:N0} updates/s ({real.CallsPerSecond:N0} reply calls/s)"), string.Create(CultureInfo.InvariantCulture, $"{echoMedian.UpdatesPerSecond:N0} updates/s (echo)"), Percent(ratio) + spread, "≥ 80%", ratio >= ThroughputTarget),
            new($"Latency update → first reply p50, {load}", Ms(real.P50Ms), Ms(echoMedian.P50Ms) + " (echo)", Times(real.P50Ms / echoMedian.P50Ms), "–", null),
            new($"Latency update → first reply p99, {load}", Ms(real.P99Ms), Ms(echoMedian.P99Ms) + " (echo)", Times(real.P99Ms / echoMedian.P99Ms), "–", null),
        ];
    }

    private static string Round(int round, int rounds, string who) =>
        string.Create(CultureInfo.InvariantCulture, $"round {round + 1}/{rounds} {who}");

    /// <summary>The round with the median rate (latencies are that round's).</summary>
    private static LoadResult MedianRun(List<LoadResult> runs) => runs.OrderBy(r => r.UpdatesPerSecond).ElementAt(runs.Count / 2);

    private static async Task<IReadOnlyList<Figure>> ProcessAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var figures = new List<Figure>();
        var starts = Loads("MARGINBOT_E2E_STARTS", [5])[0];
        var seeds = Directory.CreateTempSubdirectory("marginbot-e2e-seed-");
        try
        {
            await using var api = await FakeBotApi.StartAsync();
            var (emptyStart, emptyRss) = await StartsAsync(log, api, null, starts);
            figures.Add(new("Start-up: process start → first getUpdates, empty database", Ms(emptyStart), "–", "–", "–", null));
            figures.Add(new("Resident memory at idle, empty database", Mb(emptyRss), "–", "–", "–", null));
            foreach (var stored in Loads("MARGINBOT_E2E_STORED", [10_000, 100_000]))
            {
                var seed = Path.Combine(seeds.FullName, $"users-{stored.ToString(CultureInfo.InvariantCulture)}.db");
                var watch = System.Diagnostics.Stopwatch.StartNew();
                StoredUsers.Write(seed, stored, 10_000_000);
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{N(stored)} stored users written in {watch.Elapsed.TotalSeconds:F1} s; file {new FileInfo(seed).Length / 1024.0 / 1024.0:F1} MiB"));
                var (start, rss) = await StartsAsync(log, api, seed, starts);
                figures.Add(new($"Start-up: process start → first getUpdates, {N(stored)} stored users", Ms(start), Ms(emptyStart) + " (empty)", Times(start / emptyStart), "–", null));
                figures.Add(new($"Resident memory at idle, {N(stored)} stored users", Mb(rss), Mb(emptyRss) + " (empty)", Times((double)rss / emptyRss), "–", null));
                File.Delete(seed);
            }

            figures.AddRange(await SessionsAsync(log, api, cancellationToken));
        }
        finally
        {
            seeds.Delete(recursive: true);
        }

        return figures;
    }

    /// <summary>Starts the bot <paramref name="runs"/> times on a copy of <paramref name="seed"/> (or an empty folder); medians of start-up and idle RSS.</summary>
    private static async Task<(double StartMs, long Rss)> StartsAsync(TextWriter log, FakeBotApi api, string? seed, int runs)
    {
        var times = new List<double>();
        var rss = new List<long>();
        for (var run = 0; run < runs; run++)
        {
            var folder = Directory.CreateTempSubdirectory("marginbot-e2e-run-");
            try
            {
                if (seed is not null)
                {
                    File.Copy(seed, Path.Combine(folder.FullName, "bot.db"));
                }

                var before = api.Calls.Count;
                using var bot = ProcessProbe.Start(api, folder.FullName);
                var start = await bot.FirstPollAsync(api, before);
                await Task.Delay(Idle);
                times.Add(start.TotalMilliseconds);
                rss.Add(bot.ResidentBytes());
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"start {run + 1}/{runs} ({(seed is null ? "empty" : Path.GetFileName(seed))}): first getUpdates after {start.TotalMilliseconds:F0} ms, RSS {Mb(rss[^1])} after {Idle.TotalSeconds:F0} s idle; load {LoadAverage()}"));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        return (Median(times), (long)Median([.. rss.Select(r => (double)r)]));
    }

    /// <summary>One process on an empty database; RSS after a warm-up chat, then after each count of open checklists.</summary>
    private static async Task<IReadOnlyList<Figure>> SessionsAsync(TextWriter log, FakeBotApi api, CancellationToken cancellationToken)
    {
        var figures = new List<Figure>();
        var folder = Directory.CreateTempSubdirectory("marginbot-e2e-sessions-");
        try
        {
            var callsBefore = api.Calls.Count;
            using var bot = ProcessProbe.Start(api, folder.FullName);
            await bot.FirstPollAsync(api, callsBefore);
            var walk = await UserLoad.CalibrateAsync(api, 1, OpenSession, TimeSpan.FromMilliseconds(300), cancellationToken);
            await Task.Delay(Idle, cancellationToken);
            var baseline = bot.ResidentBytes();
            await log.WriteLineAsync($"sessions: RSS {Mb(baseline)} after the warm-up chat");
            var open = 0;
            var before = baseline;
            foreach (var sessions in Loads("MARGINBOT_E2E_SESSIONS", [100, 1_000, 10_000]))
            {
                var more = sessions - open;
                var load = await UserLoad.RunAsync(api, 2_000_000 + open, more, walk, LoadTimeout, cancellationToken);
                await Task.Delay(Idle, cancellationToken);
                var rss = bot.ResidentBytes();
                var per = (double)(rss - baseline) / sessions;
                var added = (double)(rss - before) / more;
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"sessions: {N(sessions)} open, RSS {Mb(rss)}, {per / 1024:F1} KiB each from the warm idle bot, {added / 1024:F1} KiB each of the {N(more)} just opened ({load.UpdatesPerSecond:N0} updates/s while opening); load {LoadAverage()}"));
                figures.Add(new($"Resident memory per open /check session, {N(open)} → {N(sessions)} sessions", string.Create(CultureInfo.InvariantCulture, $"{added / 1024:F1} KiB ({Mb(rss)} in all)"), $"{Mb(before)} ({N(open)} open)", "–", "–", null));
                open = sessions;
                before = rss;
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        return figures;
    }

    /// <summary>
    /// Issue 14: memory does not grow with every chat ever seen. One process; distinct users, each
    /// sending one /liq once (in chunks of <see cref="DistinctChunk"/> at a time); resident memory after
    /// each count of users, against the first count's.
    /// </summary>
    private static async Task<IReadOnlyList<Figure>> DistinctUsersAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var figures = new List<Figure>();
        var folder = Directory.CreateTempSubdirectory("marginbot-e2e-distinct-");
        try
        {
            await using var api = await FakeBotApi.StartAsync();
            var callsBefore = api.Calls.Count;
            using var bot = ProcessProbe.Start(api, folder.FullName);
            await bot.FirstPollAsync(api, callsBefore);
            var walk = await UserLoad.CalibrateAsync(api, 1, [Says("/liq btc long 60000 10x")], TimeSpan.FromMilliseconds(300), cancellationToken);
            var seen = 0;
            long? first = null;
            foreach (var users in Loads("MARGINBOT_E2E_DISTINCT", [20_000, 200_000]))
            {
                for (var at = seen; at < users; at += DistinctChunk)
                {
                    await UserLoad.RunAsync(api, 3_000_000 + at, Math.Min(DistinctChunk, users - at), walk, LoadTimeout, cancellationToken);
                }

                seen = users;
                await Task.Delay(Idle, cancellationToken);
                var rss = bot.ResidentBytes();
                first ??= rss;
                await log.WriteLineAsync($"distinct users: {N(users)}, RSS {Mb(rss)}; load {LoadAverage()}");
                figures.Add(new($"Resident memory after {N(users)} distinct users (one /liq each)", Mb(rss), Mb(first.Value) + " (first count)", Times((double)rss / first.Value), "≤ 1.30×", (double)rss / first.Value <= 1.30));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        return figures;
    }

    private static int[] Loads(string variable, int[] defaults) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? [.. text.Split(',').Select(t => int.Parse(t.Trim(), NumberStyles.None, CultureInfo.InvariantCulture))]
            : defaults;

    private static string Describe(string who, LoadResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{who}: {r.Users} users, {r.Updates} updates in {r.Elapsed.TotalSeconds:F1} s = {r.UpdatesPerSecond:N0} updates/s, {r.CallsPerSecond:N0} reply calls/s, p50 {r.P50Ms:F1} ms, p99 {r.P99Ms:F1} ms; load {LoadAverage()}");

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    /// <summary>The 1-minute load average (other builds share the machine).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "F1" : "F0", CultureInfo.InvariantCulture) + " ms";

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";

    private static string Percent(double ratio) => (ratio * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";

    private static string Times(double ratio) => ratio.ToString("F2", CultureInfo.InvariantCulture) + "×";
}
