using System.Globalization;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Sessions;
using MarginBot.Storage;

namespace MarginBot.Storage.Tests;

/// <summary>
/// <see cref="LiteDbStorage.InSharedTransactionAsync{T}(Func{T})"/>: works handed in while a group runs form
/// the next group (one transaction, one wait for the disk); a failing work rolls its group back and
/// each work is run again alone. Every test first holds the storage thread with a blocking work, so
/// that what it hands in meanwhile is known to form the next group(s): no timing is asserted.
/// </summary>
public sealed class SharedTransactionTests : IDisposable
{
    /// <summary>How long a test waits for anything before failing: a bug fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly DateTimeOffset At = new(2026, 1, 16, 9, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-shared-");

    private string DbPath => Path.Combine(_folder.FullName, "bot.db");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Group_WorksHandedInWhileOneRuns_OneUncommittedGroupThenAllOnDisk()
    {
        const int count = 50;
        var tasks = new Task<int>[count];
        var earlierSeen = new int[count];
        var earlierCompleted = new int[count];
        var threads = new int[count];
        using (var storage = LiteDbStorage.Open(DbPath))
        {
            Task<int> first;
            using (var hold = new StorageThreadHold())
            {
                first = hold.Start(storage);
                for (var i = 0; i < count; i++)
                {
                    var user = i;
                    tasks[i] = storage.InSharedTransactionAsync(() =>
                    {
                        // What the earlier works of this group wrote, and how many of their tasks are complete (a task completes only after its group's commit).
                        earlierSeen[user] = Enumerable.Range(0, user).Count(u => ((ISessionStore)storage).Load(1, u) is not null);
                        earlierCompleted[user] = tasks.Take(user).Count(t => t.IsCompleted);
                        threads[user] = Environment.CurrentManagedThreadId;
                        ((ISessionStore)storage).Save(1, user, SessionFor(user));
                        return user * 10;
                    });
                }

                hold.Release();
                Assert.Equal(-1, await first.WaitAsync(Patience));
            }

            var results = await Task.WhenAll(tasks).WaitAsync(Patience);

            Assert.Equal(Enumerable.Range(0, count).Select(i => i * 10), results);
            Assert.True(
                earlierSeen.Select((seen, i) => seen == i).All(ok => ok),
                "each work should read the sessions of every earlier work of its group: " + Join(earlierSeen));
            Assert.True(
                earlierCompleted.All(c => c == 0),
                "no task of the group should be complete while a work of it runs (one commit for the group): " + Join(earlierCompleted));
            Assert.Single(threads.Distinct());

            // Completed means on disk: the data file alone (the -log file left behind) already holds them.
            var copy = Path.Combine(_folder.FullName, "copy", "bot.db");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(DbPath, copy);
            using var copied = LiteDbStorage.Open(copy);
            var missing = Enumerable.Range(0, count).Where(u => ((ISessionStore)copied).Load(1, u) is null).ToList();
            Assert.True(missing.Count == 0, "the data file should hold every completed work's session once the tasks complete; missing users " + Join(missing));
        }

        using var reopened = LiteDbStorage.Open(DbPath);
        for (var user = 0; user < count; user++)
        {
            var loaded = ((ISessionStore)reopened).Load(1, user);
            Assert.NotNull(loaded);
            Assert.Equal(Label(user), loaded.Answer("user"));
        }
    }

    [Fact]
    public async Task Group_OneWorkThrows_OnlyItFailsOthersRunAgainAndApplyOnce()
    {
        const long chat = 2;
        const long counterUser = 100;
        const long x = 1;
        const long y = 2;
        const long z = 3;
        int runsA = 0, runsB = 0, runsC = 0;
        using (var storage = LiteDbStorage.Open(DbPath))
        {
            ((ISessionStore)storage).Save(chat, counterUser, Session.Start("counter", "Count", At).WithAnswer("n", "0"));

            Task<int> a, c;
            Task<int> b;
            using (var hold = new StorageThreadHold())
            {
                var first = hold.Start(storage);
                a = storage.InSharedTransactionAsync(() =>
                {
                    runsA++;
                    ((ISessionStore)storage).Save(chat, x, SessionFor(x));
                    var n = int.Parse(((ISessionStore)storage).Load(chat, counterUser)!.Answer("n")!, CultureInfo.InvariantCulture) + 1;
                    ((ISessionStore)storage).Save(chat, counterUser, Session.Start("counter", "Count", At).WithAnswer("n", n.ToString(CultureInfo.InvariantCulture)));
                    return n;
                });
                b = storage.InSharedTransactionAsync<int>(() =>
                {
                    runsB++;
                    ((ISessionStore)storage).Save(chat, y, SessionFor(y));
                    throw new InvalidOperationException("boom");
                });
                c = storage.InSharedTransactionAsync(() =>
                {
                    runsC++;
                    ((ISessionStore)storage).Save(chat, z, SessionFor(z));
                    return 3;
                });
                hold.Release();
                Assert.Equal(-1, await first.WaitAsync(Patience));
            }

            Assert.Equal(1, await a.WaitAsync(Patience));
            Assert.Equal(3, await c.WaitAsync(Patience));
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => b.WaitAsync(Patience));
            Assert.Equal("boom", failure.Message);

            // A and B ran in the group, then (after the rollback) alone; C, after B in the group, only alone.
            Assert.Equal((2, 2, 1), (runsA, runsB, runsC));
        }

        using var reopened = LiteDbStorage.Open(DbPath);
        Assert.True(((ISessionStore)reopened).Load(chat, x) is not null, "A's session X should be kept");
        Assert.True(((ISessionStore)reopened).Load(chat, y) is null, "B's session Y should be rolled back");
        Assert.True(((ISessionStore)reopened).Load(chat, z) is not null, "C's session Z should be kept");
        Assert.True(
            ((ISessionStore)reopened).Load(chat, counterUser)!.Answer("n") == "1",
            "A ran twice but its first run was rolled back: the counter should be 1, is " + ((ISessionStore)reopened).Load(chat, counterUser)!.Answer("n"));
    }

    [Fact]
    public async Task Group_CommitFails_EveryWorkFailsWithItNoneRunAgain()
    {
        int runsA = 0, runsB = 0;
        using var storage = LiteDbStorage.Open(DbPath);
        Task<int> a, b;
        using (var hold = new StorageThreadHold())
        {
            var first = hold.Start(storage);
            a = storage.InSharedTransactionAsync(() =>
            {
                runsA++;
                ((ISessionStore)storage).Save(4, 1, SessionFor(1));
                return 1;
            });
            b = storage.InSharedTransactionAsync(() =>
            {
                runsB++;
                ((ISessionStore)storage).Save(4, 2, SessionFor(2));

                // The works themselves succeed; the group's commit then finds the database closed.
                storage.Dispose();
                return 2;
            });
            hold.Release();
            Assert.Equal(-1, await first.WaitAsync(Patience));
        }

        var failureA = await Record.ExceptionAsync(() => a.WaitAsync(Patience));
        var failureB = await Record.ExceptionAsync(() => b.WaitAsync(Patience));

        Assert.NotNull(failureA);
        Assert.IsNotType<TimeoutException>(failureA);
        Assert.Same(failureA, failureB);
        Assert.Equal((1, 1), (runsA, runsB));

        // The rollback failed too (the database is closed): a failure of the store, with both causes kept, the commit's first.
        var store = Assert.IsType<StoreFailedException>(failureA);
        var both = Assert.IsType<AggregateException>(store.InnerException);
        Assert.Equal(2, both.InnerExceptions.Count);
    }

    [Fact]
    public async Task Group_WorksRunInTheOrderHandedIn()
    {
        const int count = 30;
        var order = new List<int>();
        using var storage = LiteDbStorage.Open(DbPath);
        var tasks = new List<Task<int>>();
        using (var hold = new StorageThreadHold())
        {
            var first = hold.Start(storage);
            for (var i = 0; i < count; i++)
            {
                var index = i;
                tasks.Add(storage.InSharedTransactionAsync(() =>
                {
                    order.Add(index);
                    return index;
                }));
            }

            hold.Release();
            Assert.Equal(-1, await first.WaitAsync(Patience));
        }

        await Task.WhenAll(tasks).WaitAsync(Patience);

        Assert.True(order.SequenceEqual(Enumerable.Range(0, count)), "works should run in the order handed in: " + Join(order));
    }

    [Fact]
    public async Task Together_ListHandedInAtOnce_RunInOrderOneTaskEachAllOnDisk()
    {
        const int count = 300;
        var order = new List<int>();
        using (var storage = LiteDbStorage.Open(DbPath))
        {
            var tasks = storage.InSharedTransactionAsync([.. Enumerable.Range(0, count).Select(i => (Func<int>)(() =>
            {
                order.Add(i);
                ((ISessionStore)storage).Save(6, i, SessionFor(i));
                return i * 2;
            }))]);

            Assert.Equal(count, tasks.Count);
            var results = await Task.WhenAll(tasks).WaitAsync(Patience);
            Assert.Equal(Enumerable.Range(0, count).Select(i => i * 2), results);
        }

        Assert.True(order.SequenceEqual(Enumerable.Range(0, count)), "works should run in the order handed in: " + Join(order));
        using var reopened = LiteDbStorage.Open(DbPath);
        Assert.All(Enumerable.Range(0, count), i => Assert.NotNull(((ISessionStore)reopened).Load(6, i)));
        Assert.Empty(reopened.InSharedTransactionAsync(Array.Empty<Func<int>>()));
    }

    [Fact]
    public async Task Group_MoreThanMaxGroupHandedInAtOnce_SplitIntoGroupsOf256AllCompleteAndOnDisk()
    {
        const int count = 600;
        var tasks = new Task<int>[count];
        var earlierCompleted = new int[count];
        var order = new List<int>();
        using (var storage = LiteDbStorage.Open(DbPath))
        {
            using (var hold = new StorageThreadHold())
            {
                var first = hold.Start(storage);
                for (var i = 0; i < count; i++)
                {
                    var user = i;
                    tasks[i] = storage.InSharedTransactionAsync(() =>
                    {
                        // The works of earlier groups are complete, those of this group not yet: the count names the group.
                        earlierCompleted[user] = tasks.Count(t => t.IsCompleted);
                        order.Add(user);
                        ((ISessionStore)storage).Save(3, user, SessionFor(user));
                        return user;
                    });
                }

                hold.Release();
                Assert.Equal(-1, await first.WaitAsync(Patience));
            }

            var results = await Task.WhenAll(tasks).WaitAsync(Patience);

            Assert.Equal(Enumerable.Range(0, count), results);
            Assert.True(order.SequenceEqual(Enumerable.Range(0, count)), "works should run once each, in the order handed in");
            var groups = earlierCompleted.GroupBy(c => c).Select(g => (CompleteBefore: g.Key, Size: g.Count())).ToList();
            Assert.Equal([(0, 256), (256, 256), (512, 88)], groups);
        }

        using var reopened = LiteDbStorage.Open(DbPath);
        var missing = Enumerable.Range(0, count).Where(u => ((ISessionStore)reopened).Load(3, u) is null).ToList();
        Assert.True(missing.Count == 0, "every work's session should be on disk; missing users " + Join(missing));
    }

    [Fact]
    public async Task ForgetOutgoing_DeliveredReply_GoneAfterReopenOthersKept()
    {
        long kept1, forgotten, kept2;
        using (var storage = LiteDbStorage.Open(DbPath))
        {
            kept1 = storage.AddOutgoing(7, "one");
            forgotten = storage.AddOutgoing(7, "two");
            kept2 = storage.AddOutgoing(8, "three");

            await storage.ForgetOutgoingAsync(forgotten).WaitAsync(Patience);

            Assert.Equal([kept1, kept2], storage.PendingOutgoing().Select(o => o.Id));
        }

        using var reopened = LiteDbStorage.Open(DbPath);
        Assert.Equal([(kept1, 7L, "one"), (kept2, 8L, "three")], reopened.PendingOutgoing());
    }

    [Fact]
    public void Processed_MixOfMarkedAndNot_ExactlyTheMarkedOfThatChat()
    {
        using var storage = LiteDbStorage.Open(DbPath);
        var processed = (IProcessedMessages)storage;
        processed.MarkProcessed(-100, 1, At);
        processed.MarkProcessed(-100, 3, At);
        processed.MarkProcessed(-100, 5, At);
        processed.MarkProcessed(-200, 2, At);
        processed.MarkProcessed(-200, 4, At);

        var found = processed.Processed(-100, [1, 2, 3, 4, 5, 6]);

        Assert.Equal([1L, 3, 5], found.Order());
        Assert.Empty(processed.Processed(-100, []));
        Assert.Empty(processed.Processed(-300, [1, 2, 3]));
        Assert.Equal([4L], processed.Processed(-200, [4, 5, 6]));
    }

    private static Session SessionFor(long user) => Session.Start("check", "Symbol", At).WithAnswer("user", Label(user));

    private static string Label(long user) => string.Create(CultureInfo.InvariantCulture, $"user-{user}");

    private static string Join(IEnumerable<int> values) => string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A work that holds the storage thread until released: what is handed in meanwhile waits for the next group.</summary>
    private sealed class StorageThreadHold : IDisposable
    {
        private readonly ManualResetEventSlim _running = new();
        private readonly ManualResetEventSlim _release = new();

        /// <summary>Hands in the holding work and returns once it runs (its task gives -1).</summary>
        public Task<int> Start(LiteDbStorage storage)
        {
            var task = storage.InSharedTransactionAsync(() =>
            {
                _running.Set();
                return _release.Wait(Patience) ? -1 : throw new TimeoutException("the test did not release the storage thread");
            });
            Assert.True(_running.Wait(Patience), "the holding work should start running");
            return task;
        }

        public void Release() => _release.Set();

        public void Dispose()
        {
            _release.Set();
            _running.Dispose();
            _release.Dispose();
        }
    }
}
