namespace MarginBot.Telegram;

/// <summary>
/// Telegram's send limits (per chat, per group, overall) as sliding windows: never more than N sends
/// in any span of the period. Replaces token buckets that refilled on a timer tick, which let two
/// sends to one chat go milliseconds apart across a tick.
/// Telegram counts a send when it arrives, which is some time after the bot let it go (a loaded
/// machine, the network): a send is therefore counted from when its call ended (answered, refused or
/// failed), the first moment the bot knows it has got there. The next send to the chat goes a whole
/// period after that, so two sends never arrive closer than the period, whatever the first one's
/// delay on the way. This costs each chat one round trip per period.
/// A chat first waits for its own (and its group's) window, holding no global slot meanwhile, then
/// takes the next global slot; slots are handed out in request order (first come, first served). The
/// overall window reserves slots ahead from the sends' times as known then (a send still in flight
/// counts from when it went), so it is kept at the bot's end, not to the millisecond at Telegram's.
/// Sends to one chat are expected one at a time (the outbox's lane for the chat).
/// </summary>
internal sealed class SendPacer(SendLimitOptions limits, TimeProvider time)
{
    private const int SweepAbove = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Window> _chats = [];
    private readonly Dictionary<long, Window> _groups = [];
    private readonly Window _global = new(limits.GlobalMessages, limits.GlobalPeriod);

    /// <summary>Runs <paramref name="send"/> (one call to Telegram) once a send to <paramref name="chatId"/> may go; it counts from when the call ended.</summary>
    public async Task SendAsync(long chatId, Func<Task> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var stamp = await WaitTurnAsync(chatId, cancellationToken);
        try
        {
            await send();
        }
        finally
        {
            End(stamp);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private async Task<Stamp> WaitTurnAsync(long chatId, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                var earliest = Max(ChatWindow(chatId).Earliest(now), chatId < 0 ? GroupWindow(chatId).Earliest(now) : DateTimeOffset.MinValue);
                wait = earliest - now;
            }

            if (wait <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(wait, time, cancellationToken);
        }

        Stamp stamp;
        TimeSpan left;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            stamp = new Stamp(Max(now, _global.Earliest(now)));
            _global.Add(stamp);
            ChatWindow(chatId).Add(stamp);
            if (chatId < 0)
            {
                GroupWindow(chatId).Add(stamp);
            }

            Sweep(now);
            left = stamp.At - now;
        }

        if (left > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(left, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                End(stamp);
                throw;
            }
        }

        return stamp;
    }

    private void End(Stamp stamp)
    {
        lock (_gate)
        {
            stamp.End(time.GetUtcNow());
        }
    }

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

    /// <summary>Forgets the windows of chats with no send in flight and none within a period (their next send may go at once anyway).</summary>
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

    /// <summary>A send's time: when it was let go (or reserved to go), moved to when its call ended.</summary>
    private sealed class Stamp(DateTimeOffset at)
    {
        public DateTimeOffset At { get; private set; } = at;

        public bool Ended { get; private set; }

        public void End(DateTimeOffset now)
        {
            At = now > At ? now : At;
            Ended = true;
        }
    }

    /// <summary>The sends that still count: in flight, or ended less than a period ago; a new one may go while fewer than <c>messages</c> count.</summary>
    private sealed class Window(int messages, TimeSpan period)
    {
        private readonly List<Stamp> _sends = [];

        public DateTimeOffset Earliest(DateTimeOffset now)
        {
            Forget(now);
            if (_sends.Count < messages)
            {
                return DateTimeOffset.MinValue;
            }

            // The send whose expiry lets the count drop below the limit.
            return _sends.Select(s => s.At).Order().ElementAt(_sends.Count - messages) + period;
        }

        public bool IsIdle(DateTimeOffset now)
        {
            Forget(now);
            return _sends.Count == 0;
        }

        public void Add(Stamp send) => _sends.Add(send);

        private void Forget(DateTimeOffset now) => _sends.RemoveAll(s => s.Ended && s.At + period <= now);
    }
}
