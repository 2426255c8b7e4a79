using MarginBot.Alerts;
using MarginBot.Conversations.Alerts;
using MarginBot.Conversations.Chat;

namespace MarginBot.Tests.Alerts;

/// <summary>Records each alert in the store, as the outbox sender does, and keeps what would have gone out.</summary>
internal sealed class RecordingSender(IAlertStore store, List<(string Key, Reply Reply)> sent) : IAlertSender
{
    public int SendNew(IReadOnlyList<(long UserId, PendingAlert Alert)> alerts, DateOnly day)
    {
        var count = 0;
        foreach (var (userId, alert) in alerts)
        {
            if (store.TryRecordSent(userId, alert.Key, day))
            {
                sent.Add((alert.Key, alert.Reply));
                count++;
            }
        }

        return count;
    }
}
