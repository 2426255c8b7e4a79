using System.Collections.Concurrent;
using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;

namespace MarginBot.MarketData;

/// <summary>
/// Answers of one kind per (exchange, symbol), each kept until its own expiry on the injected clock,
/// with at most one fetch in flight per key: callers that arrive while it runs share its answer.
/// The fetch never throws (it turns every failure into a "not available" answer), so a shared
/// failure is an answer too, kept briefly.
/// </summary>
internal sealed class MarketCache<T>(TimeProvider clock)
    where T : class
{
    // Past this many keys, expired entries are swept on the next miss: symbols come from users.
    private const int SweepAbove = 4096;

    private readonly ConcurrentDictionary<(ExchangeId Exchange, string Symbol), Entry> _entries = new();

    public int Count => _entries.Count;

    public Task<MarketAnswer<T>> GetAsync(ExchangeId exchange, string symbol, Func<Task<(MarketAnswer<T> Answer, DateTimeOffset FreshUntil)>> fetch)
    {
        var entry = _entries.GetOrAdd((exchange, symbol), _ => new Entry());
        lock (entry.Gate)
        {
            if (entry.Answer is { } answer && clock.GetUtcNow() < entry.FreshUntil)
            {
                return Task.FromResult(answer);
            }

            if (entry.InFlight is { } running)
            {
                return running;
            }

            var task = RunAsync(entry, fetch);
            entry.InFlight = task;
            if (_entries.Count > SweepAbove)
            {
                Sweep();
            }

            return task;
        }
    }

    /// <summary>The cached answer of the key while it is fresh.</summary>
    public bool TryGetFresh(ExchangeId exchange, string symbol, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MarketAnswer<T>? answer)
    {
        answer = null;
        if (!_entries.TryGetValue((exchange, symbol), out var entry))
        {
            return false;
        }

        lock (entry.Gate)
        {
            if (entry.Answer is { } cached && clock.GetUtcNow() < entry.FreshUntil)
            {
                answer = cached;
            }
        }

        return answer is not null;
    }

    /// <summary>Keeps an answer fetched another way (a batch), unless the key holds a fresher one.</summary>
    public void Put(ExchangeId exchange, string symbol, MarketAnswer<T> answer, DateTimeOffset freshUntil)
    {
        var entry = _entries.GetOrAdd((exchange, symbol), _ => new Entry());
        lock (entry.Gate)
        {
            if (entry.Answer is null || entry.FreshUntil <= freshUntil)
            {
                entry.Answer = answer;
                entry.FreshUntil = freshUntil;
            }
        }
    }

    private static async Task<MarketAnswer<T>> RunAsync(Entry entry, Func<Task<(MarketAnswer<T> Answer, DateTimeOffset FreshUntil)>> fetch)
    {
        // Leave the lock before any work: the fetch runs on the thread pool.
        await Task.Yield();
        var (answer, freshUntil) = await fetch();
        lock (entry.Gate)
        {
            entry.Answer = answer;
            entry.FreshUntil = freshUntil;
            entry.InFlight = null;
        }

        return answer;
    }

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            lock (entry.Gate)
            {
                if (entry.InFlight is null && entry.FreshUntil <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Entry
    {
        public Lock Gate { get; } = new();

        public MarketAnswer<T>? Answer { get; set; }

        public DateTimeOffset FreshUntil { get; set; }

        public Task<MarketAnswer<T>>? InFlight { get; set; }
    }
}
