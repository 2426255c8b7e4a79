using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using CsCheck;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace MarginBot.Conversations.Tests.Reliability;

/// <summary>
/// Issue 7, item 1 (and the fuzz half of item 5): generated hostile messages and button presses at
/// every state of every flow, through the real dispatcher over a real LiteDB file. Every reply must
/// be one Telegram accepts, no group reply may show a user's book, and a book changes only through a
/// book command. <c>MARGINBOT_FUZZ_MESSAGES</c> sets how many hostile messages (default 100,000).
/// </summary>
public sealed class HostileInputFuzzTests(ITestOutputHelper output) : IDisposable
{
    public const string CountVariable = "MARGINBOT_FUZZ_MESSAGES";

    private const int PokesPerScenario = 30;
    private const int Workers = 2;
    private const long GroupChatId = -1001;

    private static readonly TierCatalog Catalog = TierCatalog.LoadBundled();

    private static readonly string[][] CheckSteps =
    [
        ["/check"], ["eth"], ["long"], ["3000"], ["1 eth"], ["5x"], ["unsure"], ["yes"], ["no"], ["isolated"], ["10000"], ["200"], ["2850"], ["8h"], ["edit"], ["entry"],
    ];

    /// <summary>Valid messages that lead to each state: no session, every checklist step, the tree at each depth, /liq waiting.</summary>
    private static readonly string[][] Prefixes =
    [
        [],
        ["/check"],
        ["/check", "eth"],
        ["/check", "eth long"],
        ["/check", "eth long", "3000"],
        ["/check", "eth long", "3000", "1 eth"],
        ["/check", "eth long", "3000", "1 eth", "5x"],
        ["/check", "eth long", "3000", "1 eth", "5x", "unsure"],
        ["/check", "eth long", "3000", "1 eth", "5x", "unsure", "no", "yes"],
        ["/check", "eth long", "3000", "1 eth", "5x", "unsure", "yes"],
        ["/check", "eth long", "3000", "1 eth", "5x", "isolated"],
        ["/check", "eth long", "3000", "1 eth", "5x", "isolated", "10000"],
        ["/check", "eth long", "3000", "1 eth", "5x", "isolated", "10000", "200"],
        ["/check", "eth long", "3000", "1 eth", "5x", "isolated", "10000", "200", "2850"],
        ["/check", "eth long", "3000", "1 eth", "5x", "isolated", "10000", "200", "2850", "8h"],
        ["/check", "eth long", "3000", "1 eth", "5x", "cross", "10000", "skip", "skip", "skip"],
        ["/check", "eth long", "3000", "1 eth", "5x", "cross", "10000", "skip", "skip", "skip", "iso"],
        ["/check", "eth long", "3000", "1 eth", "5x", "isolated", "10000", "200", "2850", "8h", "edit"],
        ["/check", "eth long", "3000", "1 eth", "5x", "isolated", "10000", "200", "2850", "8h", "edit", "entry"],
        ["/check", "btc short", "60000", "$6000", "20x", "isolated", "600", "skip", "61000", "1d"],
        ["/mode"],
        ["/mode", "no"],
        ["/mode", "no", "yes"],
        ["/mode", "no", "yes", "yes"],
        ["/mode", "no", "yes", "yes", "yes"],
        ["/mode", "no", "yes", "yes", "yes", "no"],
        ["/mode", "yes"],
        ["/liq btc 60000"],
        ["/liq eth long"],
        ["/liq btc long 60000 10x cross"],
        ["/wallet 80000", "/open sol long 150 10 5x isolated"],
    ];

    /// <summary>Figures seeded into every user's book; none may ever appear in a group.</summary>
    internal static readonly string[] SecretFigures = ["73,519.37", "73519.37", "84.7193", "13.1719", "81.3717"];

    internal static readonly TraderBook SeededBook = new(
        73_519.37m,
        [new Position { Symbol = "LTCUSDT", Side = Side.Long, Quantity = 13.1719m, EntryPrice = 84.7193m, Leverage = 3m, Mode = MarginMode.Isolated }],
        new Dictionary<string, decimal>(StringComparer.Ordinal) { ["LTCUSDT"] = 81.3717m }.ToFrozenDictionary(StringComparer.Ordinal));

    private static readonly HashSet<string> BookCommandNames = ["wallet", "open", "close", "marks"];

    // A real LiteDB file in a temp folder; in memory-backed /dev/shm where there is one, because this
    // test is about what the bot answers, not about fsync (the crash tests cover durability).
    private readonly DirectoryInfo _folder = Directory.CreateDirectory(
        Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "marginbot-fuzz-" + Guid.NewGuid().ToString("N")));

    private enum PokeKind
    {
        Text,
        CurrentButton,
        StaleButton,
        ForgedButton,
        Wait,
    }

    private enum Where
    {
        OwnChat,
        Group,
        NeighboursChat,
    }

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Dispatcher_HostileMessagesAtEveryState_RepliesValidBooksSafe()
    {
        var target = Environment.GetEnvironmentVariable(CountVariable) is { Length: > 0 } set
            ? int.Parse(set, NumberStyles.None, CultureInfo.InvariantCulture)
            : 100_000;
        // One database and dispatcher per worker thread (two cores here): each run is the bot of its own process.
        var runs = new ThreadLocal<FuzzRun>(() => new FuzzRun(Path.Combine(_folder.FullName, $"fuzz-{Guid.NewGuid():N}.db")), trackAllValues: true);
        var clock = Stopwatch.StartNew();
        try
        {
            Scenarios.Sample(s => runs.Value!.Play(s), iter: (target + PokesPerScenario - 1) / PokesPerScenario, threads: Workers, print: s => s.ToString());
        }
        finally
        {
            foreach (var run in runs.Values)
            {
                run.Dispose();
            }
        }

        var all = runs.Values;
        var hostile = all.Sum(r => r.Hostile);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{hostile:N0} hostile and {all.Sum(r => r.Total):N0} messages in all on {all.Count} threads, {all.Sum(r => r.GroupReplies):N0} group replies, {all.Sum(r => r.BookChanges):N0} book changes, in {clock.Elapsed.TotalSeconds:0.0} s"));
        foreach (var (reply, count) in all.SelectMany(r => r.Replies).GroupBy(r => r.Key, r => r.Value).Select(g => (g.Key, g.Sum())).OrderByDescending(r => r.Item2).Take(15))
        {
            output.WriteLine($"{count,8} × {reply}");
        }

        foreach (var trouble in all.SelectMany(r => r.Troubles).Take(20))
        {
            output.WriteLine("went wrong: " + trouble);
        }

        runs.Dispose();
        Assert.True(hostile >= target, $"sent {hostile} hostile messages, fewer than {target}");
        Assert.Empty(all.SelectMany(r => r.Troubles));
    }

    private static readonly Gen<Poke> PokeGen = Gen.Frequency(
        (10, Gen.Select(HostileInput.Text, Gen.Frequency((8, Gen.Const(Where.OwnChat)), (2, Gen.Const(Where.Group)), (1, Gen.Const(Where.NeighboursChat))), (t, w) => new Poke(PokeKind.Text, t, w))),
        (3, Gen.Select(Gen.Int[0, 7], Gen.Frequency((8, Gen.Const(Where.OwnChat)), (1, Gen.Const(Where.Group))), (i, w) => new Poke(PokeKind.CurrentButton, i.ToString(CultureInfo.InvariantCulture), w))),
        (2, Gen.Select(Gen.Int[0, 1000], Gen.Frequency((6, Gen.Const(Where.OwnChat)), (1, Gen.Const(Where.Group)), (3, Gen.Const(Where.NeighboursChat))), (i, w) => new Poke(PokeKind.StaleButton, i.ToString(CultureInfo.InvariantCulture), w))),
        (3, Gen.Select(HostileInput.ForgedData, Gen.Frequency((6, Gen.Const(Where.OwnChat)), (1, Gen.Const(Where.Group)), (1, Gen.Const(Where.NeighboursChat))), (d, w) => new Poke(PokeKind.ForgedButton, d, w))),
        (1, Gen.OneOf("1m", "31m", "2h").Select(t => new Poke(PokeKind.Wait, t, Where.OwnChat))));

    private static readonly Gen<Scenario> Scenarios = Gen.Select(
        Gen.Int[0, Prefixes.Length - 1],
        PokeGen.Array[PokesPerScenario],
        Gen.OneOf("Alice", "<b>Mallory</b>", "&amp;", "Eve <script>", "\ud800", "", "👨‍👩‍👧"),
        (prefix, pokes, name) => new Scenario(prefix, pokes, name));

    private sealed record Poke(PokeKind Kind, string Value, Where Where)
    {
        public override string ToString() => $"{Kind}@{Where}: {Show(Value)}";
    }

    private sealed record Scenario(int Prefix, Poke[] Pokes, string UserName)
    {
        public override string ToString() =>
            $"prefix [{string.Join(" | ", Prefixes[Prefix])}] as {Show(UserName)}, then:\n  " + string.Join("\n  ", Pokes.Select(p => p.ToString()));
    }

    private static string Show(string text) =>
        text.Length > 120 ? $"\"{Escape(text[..120])}…\" ({text.Length} chars)" : $"\"{Escape(text)}\"";

    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    /// <summary>One dispatcher, one database, many users: each scenario gets a fresh user whose neighbour is the previous one.</summary>
    private sealed class FuzzRun : IDisposable
    {
        private readonly LiteDbStorage _storage;
        private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 16, 9, 0, 0, TimeSpan.Zero));
        private readonly Dispatcher _dispatcher;
        private readonly List<string> _seenData = [];
        private long _nextUser = 1000;
        private long _messageId;

        public FuzzRun(string path)
        {
            _storage = LiteDbStorage.Open(path);
            _dispatcher = new Dispatcher(_storage.AsStores(), Catalog, _clock);
        }

        public long Hostile { get; private set; }

        public long Total { get; private set; }

        public long GroupReplies { get; private set; }

        public long BookChanges { get; private set; }

        /// <summary>Inputs answered with "something went wrong": an exception the dispatcher caught.</summary>
        public List<string> Troubles { get; } = [];

        public Dictionary<string, int> Replies { get; } = new(StringComparer.Ordinal);

        private IBookStore Books => _storage;

        public void Dispose() => _storage.Dispose();

        public void Play(Scenario scenario)
        {
            var me = ++_nextUser;
            var neighbour = me - 1;
            Books.Save(me, SeededBook);
            var neighbourBook = Describe(Books.Load(neighbour));
            var neighbourSession = Describe(_storage.Load(neighbour, neighbour));

            IReadOnlyList<Reply> last = [];
            foreach (var text in Prefixes[scenario.Prefix])
            {
                last = Send(InboundMessage.Typed(me, ChatKind.Private, me, scenario.UserName, text, ++_messageId), text);
                Assert.DoesNotContain(last, r => r.Html.StartsWith("I could not", StringComparison.Ordinal));
            }

            foreach (var poke in scenario.Pokes)
            {
                if (poke.Kind == PokeKind.Wait)
                {
                    _clock.Advance(poke.Value == "1m" ? TimeSpan.FromMinutes(1) : poke.Value == "31m" ? TimeSpan.FromMinutes(31) : TimeSpan.FromHours(2));
                    Hostile++;
                    continue;
                }

                var (chat, kind) = poke.Where switch
                {
                    Where.Group => (GroupChatId, ChatKind.Group),
                    Where.NeighboursChat => (neighbour, ChatKind.Private),
                    _ => (me, ChatKind.Private),
                };
                var session = _storage.Load(chat, me);
                var before = Describe(Books.Load(me));
                var message = poke.Kind switch
                {
                    PokeKind.Text => InboundMessage.Typed(chat, kind, me, scenario.UserName, poke.Value, ++_messageId),
                    _ => InboundMessage.Pressed(chat, kind, me, scenario.UserName, DataFor(poke, last), ++_messageId),
                };
                var replies = Send(message, poke.ToString());
                Hostile++;
                if (poke.Where == Where.OwnChat && replies.Count > 0)
                {
                    last = replies;
                }

                var after = Books.Load(me);
                if (Describe(after) != before)
                {
                    BookChanges++;
                    Assert.True(MayChangeBook(message, session), $"the book changed after {poke}:\n{before}\n→ {Describe(after)}");
                    Assert.Null(BookValidator.FirstProblem(Portfolio.BookCommands.ToEngineBook(after!, Settings.UserSettings.Default, Catalog)));
                }

                if (kind == ChatKind.Group)
                {
                    GroupReplies += replies.Count;
                    foreach (var reply in replies)
                    {
                        var leaked = SecretFigures.FirstOrDefault(f => reply.Html.Contains(f, StringComparison.Ordinal));
                        Assert.True(leaked is null, $"the group reply to {poke} shows {leaked} from a user's book:\n{reply.Html}");
                    }
                }
            }

            Assert.Equal(neighbourBook, Describe(Books.Load(neighbour)));
            Assert.Equal(neighbourSession, Describe(_storage.Load(neighbour, neighbour)));

            // Afterwards a valid message still works.
            var answer = Send(InboundMessage.Typed(me, ChatKind.Private, me, scenario.UserName, "/liq btc long 60000 10x", ++_messageId), "the valid /liq");
            Assert.Contains(answer, r => r.Html.Contains("Estimated liquidation price", StringComparison.Ordinal));
        }

        private IReadOnlyList<Reply> Send(InboundMessage message, string what)
        {
            _clock.Advance(TimeSpan.FromSeconds(2.5));
            Total++;
            IReadOnlyList<Reply> replies;
            try
            {
                replies = _dispatcher.Handle(message);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"unhandled {e.GetType().Name} for {what}: {e.Message}", e);
            }

            foreach (var reply in replies)
            {
                var problems = TelegramRules.Problems(reply);
                Assert.True(problems.Count == 0, $"the reply to {what} breaks Telegram's rules: {string.Join("; ", problems)}\n{Show(reply.Html)}");
                var marker = HostileInput.InjectionMarkers.FirstOrDefault(m => reply.Html.Contains(m, StringComparison.Ordinal));
                Assert.True(marker is null, $"the reply to {what} carries user markup unescaped ({marker}):\n{reply.Html}");
                if (reply.Html == Texts.SomethingWentWrong)
                {
                    Troubles.Add(what);
                }

                _seenData.AddRange(reply.AllButtons.Select(b => b.Data));
                var key = Html.ToPlain(reply.Html);
                key = key[..Math.Min(60, key.Length)];
                Replies[key] = Replies.GetValueOrDefault(key) + 1;
            }

            if (_seenData.Count > 5000)
            {
                _seenData.RemoveRange(0, 2500);
            }

            return replies;
        }

        private string DataFor(Poke poke, IReadOnlyList<Reply> last)
        {
            switch (poke.Kind)
            {
                case PokeKind.CurrentButton:
                    var index = int.Parse(poke.Value, CultureInfo.InvariantCulture);
                    var current = last.SelectMany(r => r.AllButtons).ToList();
                    return current.Count > 0 ? current[index % current.Count].Data : "chk:Summary:save";
                case PokeKind.StaleButton:
                    return _seenData.Count > 0 ? _seenData[int.Parse(poke.Value, CultureInfo.InvariantCulture) % _seenData.Count] : "mode:new=yes";
                default:
                    return poke.Value;
            }
        }

        // Only a book command, or any answer at the checklist's summary (Save), in a private chat may change the sender's book.
        private static bool MayChangeBook(InboundMessage message, Session? session)
        {
            if (message.Kind != ChatKind.Private)
            {
                return false;
            }

            if (session is { Flow: "check", State: "Summary" })
            {
                return true;
            }

            return message.Text is { } text
                && CommandLine.TryRead(text, "MarginBot", out _) is { } command
                && BookCommandNames.Contains(command.Name);
        }

        private static string Describe(TraderBook? book) =>
            book is null ? "none" : string.Create(CultureInfo.InvariantCulture, $"wallet {book.WalletBalance}; ")
                + string.Join("; ", book.Positions.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Symbol} {p.Side} {p.Quantity}@{p.EntryPrice} {p.Leverage}x {p.Mode} {p.IsolatedMargin}")))
                + "; marks " + string.Join(",", book.Marks.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}={m.Value}")));

        private static string Describe(Session? session) =>
            session is null ? "none" : $"{session.Flow}/{session.State}/" + string.Join(",", session.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value));
    }
}
