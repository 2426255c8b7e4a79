namespace MarginBot.Conversations.Chat;

/// <summary>What the per-user message budget says about one more message.</summary>
internal enum BudgetVerdict
{
    /// <summary>Within the limit: answer it.</summary>
    Allowed,

    /// <summary>The first message over the limit: say once, politely, to slow down.</summary>
    SlowDown,

    /// <summary>Still over the limit after the warning: stay silent until the window has passed.</summary>
    Silent,
}

/// <summary>
/// Messages per user per sliding minute, in memory (a restart forgets it, which only forgives). Shared by
/// every chat's handler, so it is locked; it reads time from the dispatcher's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class MessageBudget(int perMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<long, (Queue<DateTimeOffset> Times, bool Warned)> _users = [];
    private readonly Lock _gate = new();
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public BudgetVerdict Spend(long userId, DateTimeOffset now)
    {
        lock (_gate)
        {
            Sweep(now);
            if (!_users.TryGetValue(userId, out var user))
            {
                user = (new Queue<DateTimeOffset>(), false);
            }

            while (user.Times.Count > 0 && now - user.Times.Peek() >= Window)
            {
                user.Times.Dequeue();
            }

            BudgetVerdict verdict;
            if (user.Times.Count < perMinute)
            {
                user.Times.Enqueue(now);
                user.Warned = false;
                verdict = BudgetVerdict.Allowed;
            }
            else
            {
                verdict = user.Warned ? BudgetVerdict.Silent : BudgetVerdict.SlowDown;
                user.Warned = true;
            }

            _users[userId] = user;
            return verdict;
        }
    }

    // Forget users quiet for a whole window, so the table holds only the last minute's senders.
    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < Window)
        {
            return;
        }

        foreach (var (id, user) in _users.Where(u => u.Value.Times.Count == 0 || now - u.Value.Times.Last() >= Window).ToList())
        {
            _users.Remove(id);
        }

        _lastSweep = now;
    }
}
