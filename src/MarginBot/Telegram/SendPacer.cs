namespace MarginBot.Telegram;

/// <summary>
/// Telegram's send limits (per chat, per group, overall) as sliding windows: never more than N sends
/// in any span of the period, measured from when each send was let go. Replaces token buckets that
/// refilled on a timer tick, which let two sends to one chat go milliseconds apart across a tick.
/// A chat first waits for its own (and its group's) window, holding no global slot meanwhile, then
/// takes the next global slot; slots are handed out in request order (first come, first served).
/// Sends to one chat are expected one at a time (the outbox's lane for the chat).
/// </summary>
internal sealed class SendPacer(SendLimitOptions limits, TimeProvider time)
{
    private const int SweepAbove = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Window> _chats = [];
    private readonly Dictionary<long, Window> _groups = [];
    private readonly Window _global = new(limits.GlobalMessages, limits.GlobalPeriod);

    /// <summary>Returns when a send to <paramref name="chatId"/> may go now; the send is counted from then.</summary>
    public async Task WaitTurnAsync(long chatId, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var earliest = Max(ChatWindow(chatId).Earliest, chatId < 0 ? GroupWindow(chatId).Earliest : DateTimeOffset.MinValue);
                wait = earliest - time.GetUtcNow();
            }

            if (wait <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(wait, time, cancellationToken);
        }

        DateTimeOffset at;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            at = Max(now, _global.Earliest);
            _global.Add(at);
            ChatWindow(chatId).Add(at);
            if (chatId < 0)
            {
                GroupWindow(chatId).Add(at);
            }

            Sweep(now);
        }

        var left = at - time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, time, cancellationToken);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private Window ChatWindow(long chatId) => Get(_chats, chatId, limits.ChatMessages, limits.ChatPeriod);

    private Window GroupWindow(long chatId) => Get(_groups, chatId, limits.GroupMessages, limits.GroupPeriod);

    private static Window Get(Dictionary<long, Window> windows, long chatId, int messages, TimeSpan period)
    {
        if (!windows.TryGetValue(chatId, out var window))
        {
            window = new Window(messages, period);
            windows[chatId] = window;
        }

        return window;
    }

    /// <summary>Forgets the windows of chats that sent nothing for a whole period (their next send may go at once anyway).</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var windows in new[] { _chats, _groups })
        {
            if (windows.Count > SweepAbove)
            {
                foreach (var stale in windows.Where(w => w.Value.IsIdle(now)).Select(w => w.Key).ToList())
                {
                    windows.Remove(stale);
                }
            }
        }
    }

    /// <summary>The last <c>messages</c> send times; a new one may go once the oldest of them is a period old.</summary>
    private sealed class Window(int messages, TimeSpan period)
    {
        private readonly Queue<DateTimeOffset> _sends = new();
        private DateTimeOffset _last = DateTimeOffset.MinValue;

        public DateTimeOffset Earliest => _sends.Count < messages ? DateTimeOffset.MinValue : _sends.Peek() + period;

        public bool IsIdle(DateTimeOffset now) => _last + period <= now;

        public void Add(DateTimeOffset at)
        {
            _sends.Enqueue(at);
            _last = at;
            while (_sends.Count > messages)
            {
                _sends.Dequeue();
            }
        }
    }
}
