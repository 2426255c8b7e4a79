using System.Globalization;
using MarginBot.Storage;
using Xunit.Abstractions;

namespace MarginBot.Telegram.Tests.Reliability;

/// <summary>
/// Issue 7, item 4: many users typing at once, and double and triple taps on one button, through the
/// real host and the real TelegramBotClient against the fake Bot API. An <see cref="Oracle"/> fed the
/// same messages says what each chat must show, in order, and what each book and session must hold.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const int MessagesPerUser = 20;
    private const string SaveLabel = "Save the position";
    private const string YesLabel = "Yes";

    private static readonly string[] Terms = ["cross", "isolated", "funding", "liquidation", "leverage"];

    /// <summary>
    /// A user's 20 messages: numbered quotes and book changes whose replies carry the user's own figures,
    /// and a whole /check typed in the middle of them, so a mixed-up session or book shows in a reply.
    /// </summary>
    private static string[] Script(long user) =>
    [
        $"/wallet {10_000 + user}",
        $"/liq btc long {50_000 + user} 10x",
        $"/open eth long {2_000 + user} 0.1 5x cross",
        $"/glossary {Terms[user % Terms.Length]}",
        "/check",
        "sol long",
        $"{150 + (user % 97)}",
        $"${300 + user}",
        "3x",
        "isolated",
        $"{1_000 + user}",
        "30",
        $"{140 + (user % 97)}",
        "12h",
        $"/liq btc short {60_000 + user} 20x",
        "/positions",
        $"/open btc short {40_000 + user} 0.01 10x cross",
        $"/glossary {Terms[(user + 1) % Terms.Length]}",
        $"/liq eth long {3_000 + user} 5x",
        "/positions",
    ];

    [Fact]
    public Task ManyUsersAtOnce_DoubleAndTripleTaps_OrderKeptEachTapOnceNoSessionMixed() =>
        RunAsync(int.TryParse(Environment.GetEnvironmentVariable("MARGINBOT_CONCURRENCY_USERS"), NumberStyles.None, CultureInfo.InvariantCulture, out var users) ? users : 200);

    [OptInFact("Long variant: 1,000 users × 20 messages (the default run keeps 200 × 20).")]
    public Task ThousandUsersAtOnce_DoubleAndTripleTaps_OrderKeptEachTapOnceNoSessionMixed() => RunAsync(1_000);

    /// <summary>Per-user order kept, users interleaved at random: one getUpdates batch holds many chats, some with several messages.</summary>
    private static List<(long User, string Text)> Interleave(int users, Random random)
    {
        var scripts = Enumerable.Range(1, users).Select(u => new Queue<string>(Script(u))).ToArray();
        var active = Enumerable.Range(0, users).ToList();
        var order = new List<(long, string)>(users * MessagesPerUser);
        while (active.Count > 0)
        {
            var pick = random.Next(active.Count);
            var user = active[pick];
            order.Add((user + 1, scripts[user].Dequeue()));
            if (scripts[user].Count == 0)
            {
                active[pick] = active[^1];
                active.RemoveAt(active.Count - 1);
            }
        }

        return order;
    }

    /// <summary>
    /// Every chat shows exactly the oracle's texts (sent, edited, captions) in the oracle's order: nothing lost,
    /// nothing twice, nothing of another user's (every reply carries the user's own wallet, prices and positions),
    /// and no chat the test did not talk in. One snapshot of the server's record; returns the texts by chat.
    /// </summary>
    private static Dictionary<long, List<string>> AssertShown(FakeBotApi api, Dictionary<long, List<string>> expected)
    {
        var shown = api.Calls.Where(c => c.Ok && (c.IsSend || c.IsEdit)).GroupBy(c => c.ChatId!.Value).ToDictionary(g => g.Key, g => g.Select(c => c.Text!).ToList());
        Assert.Equal(expected.Keys.Order().ToList(), shown.Keys.Order().ToList());
        foreach (var (user, want) in expected)
        {
            AssertSameTexts(user, want, shown[user]);
        }

        return shown;
    }

    /// <summary>Waits until the server accepted <paramref name="count"/> texts; checks a snapshot every quarter second (a wait per call would copy the record per call).</summary>
    private static async Task WaitForShownAsync(FakeBotApi api, int count, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var shown = 0;
        while ((shown = api.Calls.Count(c => c.Ok && (c.IsSend || c.IsEdit))) < count)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds} s for {what}: {shown} of {count} texts shown");
            }

            await Task.Delay(250);
        }
    }

    private async Task RunAsync(int users)
    {
        var random = new Random(11);
        var started = DateTimeOffset.UtcNow;
        await using var api = await FakeBotApi.StartAsync();

        // Memory-backed where there is one: this test is about order and sessions, and a flush per update
        // (the outbox's checkpoints) would make 20,000 updates a test of the disk; item 2 covers durability.
        var folder = Directory.CreateDirectory(Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "marginbot-concurrency-" + Guid.NewGuid().ToString("N")));
        var expected = Enumerable.Range(1, users).ToDictionary(u => (long)u, _ => new List<string>());
        var taps = 0;
        using (var oracle = new Oracle(folder.FullName))
        {
            var bot = await TestBot.StartAsync(api, folder.FullName, o =>
            {
                // Telegram's pace is item 3's subject; here the send limits are relaxed so that thousands
                // of replies go in seconds, and the per-user budget (30 a minute) would refuse a script.
                ReliabilitySettings.SendLimits(o, chat: (1_000, TimeSpan.FromSeconds(1)), group: (1_000, TimeSpan.FromSeconds(1)), overall: (100_000, TimeSpan.FromSeconds(1)));
                o["MarginBot:Telegram:SendTimeoutSeconds"] = "30";
                ReliabilitySettings.ForLoadTests(o);
            });
            await using (bot)
            {
                var timeout = TimeSpan.FromSeconds(60 + (users / 5));

                // 1. Every user's 20 messages released at once, users interleaved, each user's in order.
                var messages = Interleave(users, random);
                foreach (var (user, text) in messages)
                {
                    expected[user].AddRange(oracle.Says(user, user, text));
                }

                api.Together(() =>
                {
                    foreach (var (user, text) in messages)
                    {
                        api.UserSays(user, user, text);
                    }
                });
                await WaitForShownAsync(api, expected.Values.Sum(e => e.Count), timeout, $"the answers to {messages.Count} messages");
                var burst = DateTimeOffset.UtcNow - started;
                AssertShown(api, expected);

                // 2. Every user double or triple taps "Save the position" under the checklist's summary:
                // the first tap saves, the repeats find the conversation ended.
                var saves = Enumerable.Range(1, users).Select(u => (User: (long)u, Taps: 2 + (u % 2), Button: api.Button(u, SaveLabel))).ToList();
                Tap(api, oracle, expected, saves);
                taps += saves.Sum(s => s.Taps);

                // 3. /mode, then a double or triple tap on its first "Yes": the first answers, the repeats are
                // told the question has moved on.
                EveryoneSays(api, oracle, expected, "/mode");
                await WaitForShownAsync(api, expected.Values.Sum(e => e.Count), timeout, "the save taps and /mode");
                AssertShown(api, expected);
                var yeses = Enumerable.Range(1, users).Select(u => (User: (long)u, Taps: 3 - (u % 2), Button: api.Button(u, YesLabel))).ToList();
                Tap(api, oracle, expected, yeses);
                taps += yeses.Sum(s => s.Taps);

                // 4. The book as each user sees it at the end.
                EveryoneSays(api, oracle, expected, "/positions");
                var total = expected.Values.Sum(e => e.Count);
                await WaitForShownAsync(api, total, timeout, "the taps and the last /positions");
                await bot.Outbox.WhenIdle().WaitAsync(timeout);
                await Task.Delay(500);

                var shown = AssertShown(api, expected);
                Assert.All(shown.Values, texts => Assert.Single(texts, t => t.StartsWith("Saved as position", StringComparison.Ordinal)));

                output.WriteLine($"{users} users × {MessagesPerUser} messages released at once ({messages.Count}), answered in {burst.TotalSeconds:F1} s; "
                    + $"{taps} taps ({users} users double or triple tapping Save, then Yes), {users * 2} more messages; {total} texts shown, each once and in order; "
                    + $"{(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s in all; load average {LoadAverage()}");
            }

            // The bot's file holds exactly the oracle's books and conversations: each save applied once, no session mixed.
            using var stored = LiteDbStorage.Open(Path.Combine(folder.FullName, "bot.db"));
            var oracleStores = oracle.Storage.AsStores();
            foreach (var user in expected.Keys)
            {
                var want = oracleStores.Books.Load(user)!;
                var got = stored.AsStores().Books.Load(user);
                Assert.NotNull(got);
                Assert.Equal(want.WalletBalance, got.WalletBalance);
                Assert.Equal(want.Positions, got.Positions);
                Assert.Equal(3, got.Positions.Count);
                var wantSession = oracleStores.Sessions.Load(user, user)!;
                var gotSession = stored.AsStores().Sessions.Load(user, user);
                Assert.NotNull(gotSession);
                Assert.Equal((wantSession.Flow, wantSession.State), (gotSession.Flow, gotSession.State));
                Assert.Equal(wantSession.Answers.OrderBy(a => a.Key), gotSession.Answers.OrderBy(a => a.Key));
            }
        }

        folder.Delete(recursive: true);
    }

    /// <summary>Every user sends <paramref name="text"/>, all in one getUpdates answer.</summary>
    private static void EveryoneSays(FakeBotApi api, Oracle oracle, Dictionary<long, List<string>> expected, string text) =>
        api.Together(() =>
        {
            foreach (var (user, want) in expected)
            {
                want.AddRange(oracle.Says(user, user, text));
                api.UserSays(user, user, text);
            }
        });

    /// <summary>Each user presses the same button of the same message <c>Taps</c> times, all users' taps in one getUpdates answer.</summary>
    private static void Tap(FakeBotApi api, Oracle oracle, Dictionary<long, List<string>> expected, List<(long User, int Taps, (int MessageId, string Data) Button)> taps)
    {
        foreach (var (user, count, (_, data)) in taps)
        {
            var edited = (string?)null;
            for (var i = 0; i < count; i++)
            {
                foreach (var reply in oracle.PressReplies(user, user, data))
                {
                    // Telegram refuses an edit that changes nothing ("message is not modified"): a repeat
                    // that edits the pressed message into what it already shows is not shown again.
                    if (!(reply.EditPrevious && reply.Html == edited))
                    {
                        expected[user].Add(reply.Html);
                    }

                    edited = reply.EditPrevious ? reply.Html : edited;
                }
            }
        }

        api.Together(() =>
        {
            foreach (var (user, count, (messageId, data)) in taps)
            {
                for (var i = 0; i < count; i++)
                {
                    api.UserPresses(user, user, messageId, data);
                }
            }
        });
    }

    /// <summary>Fails with the user and the first difference (a whole-list diff of 20,000 texts is unreadable).</summary>
    private static void AssertSameTexts(long user, List<string> want, List<string> got)
    {
        var first = Enumerable.Range(0, Math.Min(want.Count, got.Count)).FirstOrDefault(i => want[i] != got[i], Math.Min(want.Count, got.Count));
        Assert.True(first == want.Count && first == got.Count, $"chat {user}: {want.Count} texts expected, {got.Count} shown; first difference at {first}: expected «{(first < want.Count ? want[first] : "nothing")}», shown «{(first < got.Count ? got[first] : "nothing")}»");
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
