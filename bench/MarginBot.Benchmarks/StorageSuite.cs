using System.Diagnostics;
using System.Globalization;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Benchmarks;

/// <summary>
/// Storage and memory: the LiteDB file size per stored user (settings, a book of three positions,
/// a /check in progress) at 1k, 10k and 100k users; the managed memory each active session adds;
/// and the memory of a fresh process that opens the 100k-user file and serves some messages.
/// </summary>
internal static class StorageSuite
{
    public static IReadOnlyList<Figure> Run(TextWriter log)
    {
        var figures = new List<Figure>();
        Traffic.TempDatabase? largest = null;
        try
        {
            foreach (var users in new[] { 1_000, 10_000, 100_000 })
            {
                var temp = new Traffic.TempDatabase("users");
                var watch = Stopwatch.StartNew();
                using (var storage = LiteDbStorage.Open(temp.FilePath))
                {
                    Traffic.Seed(storage, users, withSession: true);
                }

                var perUser = (double)temp.Bytes / users;
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storage {users} users: {temp.Bytes} bytes, {perUser:0} bytes/user, seeded in {watch.Elapsed.TotalSeconds:0.0} s"));
                figures.Add(Figures.Alone(
                    string.Create(CultureInfo.InvariantCulture, $"LiteDB file per stored user, {users:N0} users"),
                    string.Create(CultureInfo.InvariantCulture, $"{perUser:#,0} B ({Figures.Bytes(temp.Bytes)} in all)")));
                largest?.Dispose();
                largest = temp;
            }

            foreach (var users in new[] { 1_000, 10_000 })
            {
                var perSession = ManagedPerSession(users);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed memory per active session, {users} users: {perSession:0} bytes"));
                figures.Add(Figures.Alone(
                    string.Create(CultureInfo.InvariantCulture, $"managed memory per active /check session, {users:N0} users"),
                    string.Create(CultureInfo.InvariantCulture, $"{perSession:#,0} B")));
            }

            figures.AddRange(MemoryProbe.Measure(largest!.FilePath, 100_000, log));
        }
        finally
        {
            largest?.Dispose();
        }

        return figures;
    }

    /// <summary>
    /// Managed bytes (after a full collection) that <paramref name="users"/> users in the middle of
    /// /check add to a dispatcher over their open database, per user: the dispatcher's per-user state
    /// and what LiteDB caches of the pages they touched. Sessions themselves live in the file.
    /// </summary>
    private static double ManagedPerSession(int users)
    {
        using var temp = new Traffic.TempDatabase("sessions");
        using var storage = LiteDbStorage.Open(temp.FilePath);
        Traffic.Seed(storage, users, withSession: false);
        var driver = new Traffic.Driver(storage, users, new FakeTimeProvider(Traffic.Start));

        // One user first, so that code paths and static tables are loaded before the "before" reading.
        driver.Send(0, "/liq btc long 60000 10x");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        driver.Run(1, 4);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(driver);
        return (double)(after - before) / users;
    }
}
