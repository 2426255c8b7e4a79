using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Portfolio;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Conversations.Tests.Reliability;

/// <summary>Issue 7, item 5: per-user limits on messages per minute, positions and message length.</summary>
public sealed class LimitsTests : IDisposable
{
    private static readonly TierCatalog Catalog = TierCatalog.LoadBundled();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-limits-");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 16, 9, 0, 0, TimeSpan.Zero));
    private readonly LiteDbStorage _storage;
    private readonly Dispatcher _dispatcher;
    private long _messageId;

    public LimitsTests()
    {
        _storage = LiteDbStorage.Open(Path.Combine(_folder.FullName, "chat.db"));
        _dispatcher = new Dispatcher(_storage.AsStores(), Catalog, _clock);
    }

    public void Dispose()
    {
        _storage.Dispose();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public void Handle_MoreThanThirtyAMinute_OneSlowDownThenSilenceUntilTheMinutePasses()
    {
        for (var i = 0; i < 30; i++)
        {
            Assert.Single(Say(1, "/glossary"));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var warning = Say(1, "/glossary");
        var silent = Enumerable.Range(0, 5).Select(_ => Press(1, "mode:new=yes")).ToList();
        var otherUser = Say(2, "/glossary");
        _clock.Advance(TimeSpan.FromSeconds(30)); // the first message is now a minute old
        var again = Say(1, "/glossary");

        Assert.Contains("more than 30 messages a minute", Assert.Single(warning).Html, StringComparison.Ordinal);
        Assert.All(silent, Assert.Empty);
        Assert.Single(otherUser);
        Assert.Contains("Glossary", Assert.Single(again).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_GroupChatterNotForTheBot_CostsNothing()
    {
        for (var i = 0; i < 100; i++)
        {
            Assert.Empty(_dispatcher.Handle(InboundMessage.Typed(-1001, ChatKind.Group, 1, "Alice", i % 2 == 0 ? "hello all" : "/liq@OtherBot btc", ++_messageId)));
        }

        Assert.Contains("Glossary", _dispatcher.Handle(InboundMessage.Typed(-1001, ChatKind.Group, 1, "Alice", "/glossary@MarginBot", ++_messageId)).Single().Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_MessageOverFourThousandCharacters_PoliteRefusalNothingStored()
    {
        Say(1, "/wallet 1000");
        var before = Book(1);

        var refused = Say(1, "/wallet 5000 " + new string(' ', 3990));
        var accepted = Say(1, "/glossary " + new string('x', 3990));

        Assert.Contains("too long for me: I read up to 4,000 characters", Assert.Single(refused).Html, StringComparison.Ordinal);
        Assert.Equal(before.WalletBalance, Book(1).WalletBalance);
        Assert.Contains("I do not have", Assert.Single(accepted).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FiftyPositionsHeld_RefusedBookUnchanged()
    {
        var symbols = Catalog.Symbols(Engine.Exchanges.ExchangeId.Binance, ContractKind.Linear).Where(s => s.EndsWith("USDT", StringComparison.Ordinal)).Take(51).ToList();
        ((IBookStore)_storage).Save(1, new TraderBook(
            1_000_000m,
            [.. symbols.Take(50).Select(s => new Position { Symbol = s, Side = Side.Long, Quantity = 1m, EntryPrice = 1m, Leverage = 1m, Mode = MarginMode.Cross })],
            TraderBook.Empty.Marks));

        var reply = Say(1, $"/open {symbols[50]} long 1 1");

        Assert.Contains("already holds 50 positions", Assert.Single(reply).Html, StringComparison.Ordinal);
        Assert.Equal(50, Book(1).Positions.Count);
    }

    [Fact]
    public void CheckSave_FiftyPositionsHeld_RefusedAtTheSummary()
    {
        var symbols = Catalog.Symbols(Engine.Exchanges.ExchangeId.Binance, ContractKind.Linear).Where(s => s.EndsWith("USDT", StringComparison.Ordinal) && s != "ETHUSDT").Take(50).ToList();
        ((IBookStore)_storage).Save(1, new TraderBook(
            1_000_000m,
            [.. symbols.Select(s => new Position { Symbol = s, Side = Side.Long, Quantity = 1m, EntryPrice = 1m, Leverage = 1m, Mode = MarginMode.Cross })],
            TraderBook.Empty.Marks));
        foreach (var answer in (string[])["/check", "eth long", "3000", "1 eth", "5x", "isolated", "600", "200", "2850", "8h"])
        {
            Say(1, answer);
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        var reply = Say(1, "save");

        Assert.Contains("already holds 50 positions", Assert.Single(reply).Html, StringComparison.Ordinal);
        Assert.Equal(50, Book(1).Positions.Count);
    }

    private IReadOnlyList<Reply> Say(long user, string text) =>
        _dispatcher.Handle(InboundMessage.Typed(user, ChatKind.Private, user, "Alice", text, ++_messageId));

    private IReadOnlyList<Reply> Press(long user, string data) =>
        _dispatcher.Handle(InboundMessage.Pressed(user, ChatKind.Private, user, "Alice", data, ++_messageId));

    private TraderBook Book(long user) => ((IBookStore)_storage).Load(user)!;
}
