using System.Diagnostics;
using System.Globalization;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Settings;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Benchmarks;

/// <summary>
/// A Stopwatch breakdown of the pipeline (<c>pipeline-profile</c>): the same traffic with every
/// storage port wrapped in a timer, so the time per message splits into each store call and the
/// rest (parsing, flows, engine, texts). What found the pipeline's costs (docs/benchmarks.md).
/// </summary>
internal static class PipelineProfile
{
    public static void Run(TextWriter log, bool inTransaction, int users = 1_000)
    {
        using var temp = new Traffic.TempDatabase("profile");
        using var storage = LiteDbStorage.Open(temp.FilePath);
        Traffic.Seed(storage, users, withSession: false);
        var timed = new TimedStores(storage);
        var clock = new FakeTimeProvider(Traffic.Start);
        var dispatcher = new Dispatcher(timed.AsStores(), TierCatalog.LoadBundled(), clock);
        var driver = new Traffic.Driver(dispatcher, users, clock) { Around = inTransaction ? storage.InTransaction : null };
        driver.Run(0, Traffic.Script.Length);
        timed.Reset();
        var watch = Stopwatch.StartNew();
        var sent = driver.Run(Traffic.Script.Length, 2 * Traffic.Script.Length);
        var total = watch.Elapsed;
        var storageTotal = timed.Timings.Values.Aggregate(TimeSpan.Zero, (a, t) => a + t.Time);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sent} messages, {users} users, {sent / total.TotalSeconds:0} msgs/s, {total.TotalMicroseconds / sent:0.0} µs per message"));
        foreach (var (name, (calls, time)) in timed.Timings.OrderByDescending(t => t.Value.Time))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-22} {calls,7} calls {time.TotalMicroseconds / sent,8:0.0} µs/msg  {time / total,6:P0}"));
        }

        var rest = total - storageTotal;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"everything else",-22} {string.Empty,7}       {rest.TotalMicroseconds / sent,8:0.0} µs/msg  {rest / total,6:P0}"));
    }

    /// <summary>The storage ports of a <see cref="LiteDbStorage"/>, each call timed.</summary>
    private sealed class TimedStores(LiteDbStorage inner) : IUserSettingsStore, IBookStore, ISessionStore, IProcessedMessages
    {
        public Dictionary<string, (int Calls, TimeSpan Time)> Timings { get; } = new(StringComparer.Ordinal);

        public ConversationStores AsStores() => new(this, this, this, this);

        public void Reset() => Timings.Clear();

        UserSettings? IUserSettingsStore.Load(long userId) => Time("users.load", () => inner.Load(userId));

        void IUserSettingsStore.Save(long userId, UserSettings settings) => Time("users.save", () => inner.Save(userId, settings));

        TraderBook? IBookStore.Load(long userId) => Time("books.load", () => ((IBookStore)inner).Load(userId));

        void IBookStore.Save(long userId, TraderBook book) => Time("books.save", () => inner.Save(userId, book));

        Session? ISessionStore.Load(long chatId, long userId) => Time("sessions.load", () => inner.Load(chatId, userId));

        void ISessionStore.Save(long chatId, long userId, Session session) => Time("sessions.save", () => inner.Save(chatId, userId, session));

        void ISessionStore.Delete(long chatId, long userId) => Time("sessions.delete", () => inner.Delete(chatId, userId));

        bool IProcessedMessages.WasProcessed(long chatId, long messageId) => Time("processed.check", () => inner.WasProcessed(chatId, messageId));

        void IProcessedMessages.MarkProcessed(long chatId, long messageId, DateTimeOffset at) => Time("processed.mark", () => inner.MarkProcessed(chatId, messageId, at));

        private T Time<T>(string name, Func<T> call)
        {
            var start = Stopwatch.GetTimestamp();
            var result = call();
            var elapsed = Stopwatch.GetElapsedTime(start);
            var (calls, time) = Timings.GetValueOrDefault(name);
            Timings[name] = (calls + 1, time + elapsed);
            return result;
        }

        private void Time(string name, Action call) => Time(name, () =>
        {
            call();
            return 0;
        });
    }
}
