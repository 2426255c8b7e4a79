using MarginBot.Conversations.Chat;
using MarginBot.Storage;

namespace MarginBot.Storage.Tests;

/// <summary>The handled-update record (issue 14): its own collection, no magic chat id, and ids an older version kept are still honoured.</summary>
public sealed class HandledUpdatesTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-handled-");

    private string DbPath => Path.Combine(_folder.FullName, "bot.db");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Handled_MarkedIdsAndLegacyIds_ReportedAcrossReopen_NoChatMessageTouched()
    {
        using (var storage = LiteDbStorage.Open(DbPath))
        {
            // What a version before the record wrote: handled update 501 as message 501 of chat 0.
            ((IProcessedMessages)storage).MarkProcessed(0, 501, Now);
            storage.InTransaction(() =>
            {
                ((IHandledUpdates)storage).MarkHandled(502, Now);
                return 0;
            });
        }

        using var reopened = LiteDbStorage.Open(DbPath);
        Assert.Equal([501L, 502L], reopened.Handled([500, 501, 502, 503]).Order());
        Assert.False(((IProcessedMessages)reopened).WasProcessed(0, 502));
    }

    [Fact]
    public void MarkHandled_InATransactionThatFails_NotRecorded()
    {
        using var storage = LiteDbStorage.Open(DbPath);
        Assert.Throws<InvalidOperationException>(() => storage.InTransaction<int>(() =>
        {
            ((IHandledUpdates)storage).MarkHandled(600, Now);
            throw new InvalidOperationException("the decision failed");
        }));
        Assert.Empty(((IHandledUpdates)storage).Handled([600]));
    }
}
