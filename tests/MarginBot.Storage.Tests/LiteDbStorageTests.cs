using System.Collections.Frozen;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Sessions;
using MarginBot.Engine.Contracts;
using MarginBot.Storage;

namespace MarginBot.Storage.Tests;

public sealed class LiteDbStorageTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-storage-");

    private string DbPath => Path.Combine(_folder.FullName, "nested", "folder", "bot.db");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Session_SavedAndReopened_SameAnswersStateAndUtcTime()
    {
        var at = new DateTimeOffset(2026, 1, 16, 9, 30, 15, TimeSpan.Zero);
        var session = Session.Start("check", "Entry", at).WithAnswer("symbol", "ETHUSDT").WithAnswer("note", " spaced ").WithAnswer("empty", string.Empty);
        using (var storage = LiteDbStorage.Open(DbPath))
        {
            ((ISessionStore)storage).Save(5, 7, session);
        }

        using var reopened = LiteDbStorage.Open(DbPath);
        var loaded = ((ISessionStore)reopened).Load(5, 7);

        Assert.NotNull(loaded);
        Assert.Equal(("check", "Entry", at), (loaded.Flow, loaded.State, loaded.LastActivity));
        Assert.Equal(TimeSpan.Zero, loaded.LastActivity.Offset);
        Assert.Equal(" spaced ", loaded.Answer("note"));
        Assert.Equal(string.Empty, loaded.Answer("empty"));
        Assert.Null(((ISessionStore)reopened).Load(7, 5));
    }

    [Fact]
    public void Book_SavedAndReopened_DecimalsExact()
    {
        var book = new TraderBook(
            1234.56789012m,
            [new Position { Symbol = "ETHUSDT", Side = Side.Short, Quantity = 0.123456789m, EntryPrice = 3012.34m, Leverage = 12.5m, Mode = MarginMode.Isolated }],
            new Dictionary<string, decimal> { ["ETHUSDT"] = 2999.99m }.ToFrozenDictionary());
        using (var storage = LiteDbStorage.Open(DbPath))
        {
            ((IBookStore)storage).Save(3, book);
        }

        using var reopened = LiteDbStorage.Open(DbPath);
        var loaded = ((IBookStore)reopened).Load(3);

        Assert.NotNull(loaded);
        Assert.Equal(book.WalletBalance, loaded.WalletBalance);
        Assert.Equal(book.Positions, loaded.Positions);
        Assert.Equal(2999.99m, loaded.Marks["ETHUSDT"]);
    }

    [Fact]
    public void Processed_MarkedThenReopened_StillProcessed()
    {
        var at = new DateTimeOffset(2026, 1, 16, 9, 0, 0, TimeSpan.Zero);
        using (var storage = LiteDbStorage.Open(DbPath))
        {
            ((IProcessedMessages)storage).MarkProcessed(-100, 9, at);
        }

        using var reopened = LiteDbStorage.Open(DbPath);
        Assert.True(((IProcessedMessages)reopened).WasProcessed(-100, 9));
        Assert.False(((IProcessedMessages)reopened).WasProcessed(-100, 10));
    }

    [Fact]
    public void Delete_Session_Gone()
    {
        using var storage = LiteDbStorage.Open(DbPath);
        ((ISessionStore)storage).Save(1, 1, Session.Start("check", "Symbol", DateTimeOffset.UnixEpoch));

        storage.Delete(1, 1);

        Assert.Null(((ISessionStore)storage).Load(1, 1));
    }
}
