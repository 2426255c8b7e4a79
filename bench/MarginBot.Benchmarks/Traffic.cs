using System.Collections.Frozen;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Settings;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Benchmarks;

/// <summary>
/// Realistic private-chat traffic for the in-process measurements: users with a typical book
/// (wallet, three positions, settings) and a script of what each one types and presses.
/// </summary>
internal static class Traffic
{
    /// <summary>
    /// One user's round of messages: a /liq quote, the whole /check walked step by step and its
    /// position saved, the /mode tree answered by its buttons, a position added, the book shown, the
    /// two new positions closed again (so the script can repeat). "[Label]" presses the button of
    /// that label on the last reply, "[Start…]" the first whose label starts so.
    /// </summary>
    public static readonly string[] Script =
    [
        "/liq btc long 60000 10x",
        "/check", "bnb long", "600", "5 bnb", "5x", "[Isolated]", "[Use my wallet…]", "200", "570", "8h", "[Save the position]",
        "/mode", "[No]", "[Yes]", "[Yes]", "[Yes]", "[No]",
        "/open doge long 0.15 1000 cross 5x", "/positions", "/close 5", "/close 4",
    ];

    /// <summary>The first user id; users are numbered from it, each in their own private chat.</summary>
    public const long FirstUser = 1_000_000;

    /// <summary>Where every walk starts: a fixed instant, so runs are comparable.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The clock's step between two messages: every user sends one message per 3 s round, so the
    /// per-user budget is never reached and message times are spread as real traffic's are.
    /// </summary>
    public static TimeSpan Pace(int users) => TimeSpan.FromSeconds(3) / users;

    /// <summary>A session in the middle of /check, the shape the dispatcher stores most often.</summary>
    public static Session MidCheck(DateTimeOffset now) => new(
        "check",
        "Size",
        new Dictionary<string, string>(StringComparer.Ordinal) { ["symbol"] = "ETHUSDT", ["side"] = "Long", ["entry"] = "3000" }.ToFrozenDictionary(StringComparer.Ordinal),
        now);

    /// <summary>A typical book: a wallet and three positions, two cross and one isolated.</summary>
    public static TraderBook TypicalBook(int user) => new(
        10_000m + (user % 50),
        [
            new Position { Symbol = "BTCUSDT", Side = Side.Long, Quantity = 0.1m, EntryPrice = 60_000m, Leverage = 10m, Mode = MarginMode.Cross },
            new Position { Symbol = "ETHUSDT", Side = Side.Short, Quantity = 2m, EntryPrice = 3_000m, Leverage = 5m, Mode = MarginMode.Isolated },
            new Position { Symbol = "SOLUSDT", Side = Side.Long, Quantity = 20m, EntryPrice = 150m, Leverage = 10m, Mode = MarginMode.Cross },
        ],
        new Dictionary<string, decimal>(StringComparer.Ordinal) { ["BTCUSDT"] = 61_000m, ["ETHUSDT"] = 2_950m }.ToFrozenDictionary(StringComparer.Ordinal));

    /// <summary>
    /// Stores <paramref name="users"/> users (settings and book, and a /check in progress when
    /// <paramref name="withSession"/>), a thousand per transaction.
    /// </summary>
    public static void Seed(LiteDbStorage storage, int users, bool withSession)
    {
        const int Batch = 1_000;
        for (var from = 0; from < users; from += Batch)
        {
            var first = from;
            storage.InTransaction(() =>
            {
                for (var u = first; u < Math.Min(users, first + Batch); u++)
                {
                    var id = FirstUser + u;
                    storage.Save(id, u % 3 == 0 ? new UserSettings(ExchangeId.Bybit, null, null) : UserSettings.Default);
                    storage.Save(id, TypicalBook(u));
                    if (withSession)
                    {
                        storage.Save(id, id, MidCheck(Start));
                    }
                }

                return 0;
            });
        }
    }

    /// <summary>Prints one seeded user's walk through <see cref="Script"/>: what the pipeline figure measures.</summary>
    public static void Show(TextWriter output)
    {
        using var temp = new TempDatabase("script");
        using var storage = LiteDbStorage.Open(temp.FilePath);
        Seed(storage, 1, withSession: false);
        var driver = new Driver(storage, 1, new FakeTimeProvider(Start));
        foreach (var line in Script)
        {
            output.WriteLine("> " + line);
            foreach (var reply in driver.Send(0, line))
            {
                output.WriteLine("< " + reply.Html.Replace("\n", "\n  ", StringComparison.Ordinal));
                output.WriteLine("  " + string.Join(" ", reply.AllButtons.Select(b => "[" + b.Label + "]")));
            }
        }
    }

    /// <summary>A temporary folder for one database, deleted on dispose.</summary>
    public sealed class TempDatabase : IDisposable
    {
        public TempDatabase(string name)
        {
            Folder = Path.Combine(Path.GetTempPath(), "marginbot-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            FilePath = Path.Combine(Folder, name + ".db");
        }

        public string Folder { get; }

        public string FilePath { get; }

        /// <summary>The data file and its log, in bytes.</summary>
        public long Bytes => new[] { FilePath, LiteDbStorage.LogFileOf(FilePath) }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    /// <summary>
    /// Drives users through <see cref="Script"/> with a real <see cref="Dispatcher"/>: one message per
    /// user per round, in user order (interleaved, as real traffic is), the clock moved by
    /// <see cref="Pace"/> after each.
    /// </summary>
    public sealed class Driver
    {
        // Answers that mean the script went off its rails (a bug, the message budget, a lost session).
        private static readonly HashSet<string> Unwanted =
        [
            Conversations.Text.Texts.SomethingWentWrong,
            Conversations.Text.Texts.SlowDown(new ConversationOptions().MessagesPerMinute),
            Conversations.Text.Texts.NotACommand,
        ];

        private readonly Dispatcher _dispatcher;
        private readonly FakeTimeProvider _clock;
        private readonly IReadOnlyList<Reply>[] _last;
        private readonly int _users;
        private long _messageId;

        public Driver(LiteDbStorage storage, int users, FakeTimeProvider clock)
            : this(new Dispatcher(storage.AsStores(), TierCatalog.LoadBundled(), clock), users, clock)
        {
        }

        public Driver(Dispatcher dispatcher, int users, FakeTimeProvider clock)
        {
            _clock = clock;
            _users = users;
            _last = new IReadOnlyList<Reply>[users];
            _dispatcher = dispatcher;
        }

        public Dispatcher Dispatcher => _dispatcher;

        /// <summary>Runs each message inside this, e.g. the storage transaction the Telegram host opens per update.</summary>
        public Func<Func<IReadOnlyList<Reply>>, IReadOnlyList<Reply>>? Around { get; init; }

        /// <summary>Replies that say something went wrong: the script must never provoke one.</summary>
        public int Failures { get; private set; }

        /// <summary>Sends script lines <paramref name="from"/> to <paramref name="to"/> (exclusive) for every user; returns the message count.</summary>
        public int Run(int from, int to)
        {
            var sent = 0;
            for (var step = from; step < to; step++)
            {
                var line = Script[step % Script.Length];
                for (var u = 0; u < _users; u++)
                {
                    Send(u, line);
                    sent++;
                    _clock.Advance(Pace(_users));
                }
            }

            return sent;
        }

        /// <summary>Sends one script line as user <paramref name="u"/>.</summary>
        public IReadOnlyList<Reply> Send(int u, string line)
        {
            var id = FirstUser + u;
            var messageId = ++_messageId;
            InboundMessage message;
            if (line.StartsWith('['))
            {
                var label = line[1..^1];
                var buttons = (_last[u] ?? []).SelectMany(r => r.AllButtons);
                var button = (label.EndsWith('…')
                        ? buttons.FirstOrDefault(b => b.Label.StartsWith(label[..^1], StringComparison.Ordinal))
                        : buttons.FirstOrDefault(b => string.Equals(b.Label, label, StringComparison.Ordinal)))
                    ?? throw new InvalidOperationException($"User {u}: no button '{label}' on the last reply ({string.Join(" / ", (_last[u] ?? []).Select(r => r.Html))}).");
                message = InboundMessage.Pressed(id, ChatKind.Private, id, "Trader", button.Data, messageId);
            }
            else
            {
                message = InboundMessage.Typed(id, ChatKind.Private, id, "Trader", line, messageId);
            }

            var replies = Around is { } around ? around(() => _dispatcher.Handle(message)) : _dispatcher.Handle(message);
            if (replies.Count == 0 || replies.Any(r => Unwanted.Contains(r.Html)))
            {
                Failures++;
            }

            _last[u] = replies;
            return replies;
        }
    }
}
