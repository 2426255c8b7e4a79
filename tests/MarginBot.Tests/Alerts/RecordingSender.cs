using MarginBot.Alerts;
using MarginBot.Conversations.Alerts;
using MarginBot.Conversations.Chat;

namespace MarginBot.Tests.Alerts;

/// <summary>Records each alert in the store, as the outbox sender does, and keeps what would have gone out.</summary>
internal sealed class RecordingSender(IAlertStore store, List<(string Key, Reply Reply)> sent) : IAlertSender
{
    public bool TrySend(long userId, string alertKey, DateOnly day, Reply reply)
    {
        if (!store.TryRecordSent(userId, alertKey, day))
        {
            return false;
        }

        sent.Add((alertKey, reply));
        return true;
    }
}
