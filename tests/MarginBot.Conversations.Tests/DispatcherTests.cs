using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Settings;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace MarginBot.Conversations.Tests;

public sealed class DispatcherTests : IDisposable
{
    private static readonly TierCatalog Catalog = TierCatalog.LoadBundled();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-dispatcher-");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 16, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Handle_RedeliveredMessage_AnsweredOnce()
    {
        using var storage = LiteDbStorage.Open(Path.Combine(_folder.FullName, "db", "chat.db"));
        var dispatcher = new Dispatcher(storage.AsStores(), Catalog, _clock);
        var message = InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", "/wallet 1000", 42);

        var first = dispatcher.Handle(message);
        var again = dispatcher.Handle(message);

        Assert.Single(first);
        Assert.Empty(again);
    }

    [Fact]
    public void Handle_TransportDeduplicates_NoMessageRecordWritten()
    {
        // The Telegram host records update ids itself; the dispatcher then keeps no record of its own.
        using var storage = LiteDbStorage.Open(Path.Combine(_folder.FullName, "db", "chat.db"));
        var dispatcher = new Dispatcher(storage.AsStores(), Catalog, _clock, new ConversationOptions { DeduplicateMessages = false });
        var message = InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", "/glossary cross", 42);

        Assert.Single(dispatcher.Handle(message));
        Assert.False(storage.WasProcessed(1, 42));
        Assert.Single(dispatcher.Handle(message));
    }

    [Fact]
    public void Handle_RestartMidChecklist_ContinuesFromStoredSession()
    {
        var path = Path.Combine(_folder.FullName, "chat.db");
        using (var before = LiteDbStorage.Open(path))
        {
            var dispatcher = new Dispatcher(before.AsStores(), Catalog, _clock);
            dispatcher.Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", "/check", 1));
            dispatcher.Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", "eth long", 2));
        }

        using var after = LiteDbStorage.Open(path);
        var replies = new Dispatcher(after.AsStores(), Catalog, _clock).Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", "3000", 3));

        Assert.Contains("3/9", replies[0].Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_BookCommandInGroup_NeverReadsTheBook()
    {
        var books = new Mock<IBookStore>(MockBehavior.Strict);
        var sessions = new Mock<ISessionStore>();
        var users = new Mock<IUserSettingsStore>();
        var processed = new Mock<IProcessedMessages>();
        var dispatcher = new Dispatcher(new ConversationStores(users.Object, books.Object, sessions.Object, processed.Object), Catalog, _clock);

        var replies = dispatcher.Handle(InboundMessage.Typed(-5, ChatKind.Group, 1, "Alice", "/positions@MarginBot", 7));

        Assert.Contains("start=positions", replies[0].Html, StringComparison.Ordinal);
        books.Verify(b => b.Load(It.IsAny<long>()), Times.Never);
        processed.Verify(p => p.MarkProcessed(-5, 7, It.IsAny<DateTimeOffset>()), Times.Once);
    }

    [Fact]
    public void Handle_BadAnswer_StoredAnswersUnchanged()
    {
        var sessions = new Mock<ISessionStore>();
        Session? saved = null;
        sessions.Setup(s => s.Save(1, 1, It.IsAny<Session>())).Callback<long, long, Session>((_, _, s) => saved = s);
        sessions.Setup(s => s.Load(1, 1)).Returns(() => saved);
        var dispatcher = new Dispatcher(
            new ConversationStores(Mock.Of<IUserSettingsStore>(), Mock.Of<IBookStore>(), sessions.Object, Mock.Of<IProcessedMessages>()),
            Catalog,
            _clock);
        dispatcher.Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", "/check", 1));
        dispatcher.Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", "eth long", 2));
        var before = saved;

        var replies = dispatcher.Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", "cheap", 3));

        Assert.Contains("expected the entry price", replies[0].Html, StringComparison.Ordinal);
        Assert.Equal(before!.State, saved!.State);
        Assert.Equal(before.Answers, saved.Answers);
    }

    [Fact]
    public void Handle_SettingsSaved_UsedByLaterAnswers()
    {
        using var storage = LiteDbStorage.Open(Path.Combine(_folder.FullName, "chat.db"));
        var dispatcher = new Dispatcher(storage.AsStores(), Catalog, _clock);

        dispatcher.Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", "/settings exchange okx", 1));

        Assert.Equal(new UserSettings(Engine.Exchanges.ExchangeId.Okx, null, null), ((IUserSettingsStore)storage).Load(1));
        Assert.Contains("OKX", dispatcher.Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", "/liq btc long 60000 10x", 2))[0].Html, StringComparison.Ordinal);
    }
}
