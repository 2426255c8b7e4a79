using System.Collections.Concurrent;
using System.Globalization;
using MarginBot.Conversations.Chat;
using MarginBot.Storage;
using Xunit.Abstractions;

namespace MarginBot.Telegram.Tests.Reliability;

/// <summary>Issue 7, item 2: the real process SIGKILLed at random moments under load loses and repeats nothing it confirmed.</summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Users = 20;

    /// <summary>
    /// A request the killed process had already sent can be recorded by the fake server a moment after the kill time
    /// (taken once the process has exited); a restarted bot needs far longer than this before it can send anything.
    /// </summary>
    private static readonly TimeSpan ServerLag = TimeSpan.FromMilliseconds(100);

    private static IReadOnlyList<string> Script(long user, int round) =>
    [
        $"/wallet {1000 + user + round}",
        "/open eth long 3000 0.1 5x cross",
        "/check", "sol long", "150", "$300", "3x", "isolated", "100", "30", "140", "12h",
        "/cancel",
        "/open btc short 60000 0.01 10x cross",
        "/close 1",
        $"/wallet {5000 + user + round}",
    ];

    /// <summary>How many of <paramref name="want"/> arrived in order in <paramref name="got"/>, other texts (resent copies) skipped.</summary>
    private static int Delivered(string[] want, List<ApiCall> got)
    {
        var i = 0;
        foreach (var call in got)
        {
            if (i < want.Length && call.Text == want[i])
            {
                i++;
            }
        }

        return i;
    }

    /// <summary>
    /// The replies the killed process left in its journal, per chat (what the next start sends): a reply
    /// Telegram accepted whose removal had not reached the file is among them, and only such a reply may
    /// come twice. The file is read while no bot runs, as the next process will read it.
    /// </summary>
    private static HashSet<(long ChatId, string Text)> LeftInJournal(string database)
    {
        using var storage = LiteDbStorage.Open(database);
        return [.. ((IOutgoingJournal)storage).Kept().Select(k => (k.ChatId, k.Outgoing.Reply?.Html ?? string.Empty))];
    }

    [Fact]
    public async Task Kill_AtRandomMomentsUnderLoad_NothingConfirmedLostOrRepeated_EveryMessageAnsweredOnce()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("MARGINBOT_CRASH_KILLS"), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 20;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MARGINBOT_CRASH_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount;
        output.WriteLine($"seed {seed} (MARGINBOT_CRASH_SEED replays the kill moments), {kills} kills");
        var random = new Random(seed);
        await using var api = await FakeBotApi.StartAsync();
        var folder = Directory.CreateTempSubdirectory("marginbot-crash-");
        using var oracle = new Oracle(folder.FullName);
        var database = Path.Combine(folder.FullName, "bot.db");
        var environment = new Dictionary<string, string>
        {
            ["MarginBot__Telegram__Token"] = FakeBotApi.Token,
            ["MarginBot__Telegram__BaseUrl"] = api.BaseUrl.ToString(),
            ["MarginBot__Telegram__PollTimeoutSeconds"] = "5",
            ["MarginBot__Telegram__SendTimeoutSeconds"] = "3",
            ["MarginBot__Telegram__Limits__ChatPeriod"] = "00:00:00.100",
            ["MarginBot__Telegram__Retry__FirstDelay"] = "00:00:00.050",
            ["MarginBot__Telegram__Retry__MaxDelay"] = "00:00:00.400",
            ["MarginBot__Storage__Path"] = database,
            ["MarginBot__Conversations__MessagesPerMinute"] = "100000",
            ["MarginBot__MarketData__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        var expected = new ConcurrentDictionary<long, List<string>>();
        var sent = new ConcurrentDictionary<long, int>();
        using var stop = new CancellationTokenSource();
        var killTimes = new ConcurrentQueue<DateTimeOffset>();
        var journalAtKill = new Dictionary<DateTimeOffset, HashSet<(long ChatId, string Text)>>();

        async Task UserAsync(long user)
        {
            var mine = expected.GetOrAdd(user, _ => []);
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                foreach (var step in Script(user, round))
                {
                    if (step.StartsWith("press:", StringComparison.Ordinal))
                    {
                        var label = step["press:".Length..];
                        var (messageId, data) = api.Button(user, label);
                        lock (mine)
                        {
                            mine.AddRange(oracle.Presses(user, user, data));
                        }

                        api.UserPresses(user, user, messageId, data);
                    }
                    else
                    {
                        lock (mine)
                        {
                            mine.AddRange(oracle.Says(user, user, step));
                        }

                        api.UserSays(user, user, step);
                    }

                    sent.AddOrUpdate(user, 1, (_, n) => n + 1);

                    // A user waits for the answer before typing on (a reply lost in a crash fails here); a resent copy is not the answer.
                    string[] want;
                    lock (mine)
                    {
                        want = [.. mine];
                    }

                    await api.WaitUntilAsync(() => Delivered(want, Answers.In(api, user)) >= want.Length, TimeSpan.FromSeconds(60), $"user {user}'s answer to '{step}' (answer {want.Length})");
                }
            }
        }

        var users = Enumerable.Range(1, Users).Select(u => Task.Run(() => UserAsync(u))).ToList();
        try
        {
            for (var i = 0; i < kills; i++)
            {
                using var bot = BotProcess.Start(folder.FullName, environment);
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 2500)));
                if (bot.HasExited)
                {
                    Assert.Fail("the bot exited by itself: " + string.Join(" / ", bot.Errors.Concat(bot.Output)));
                }

                bot.Kill();
                var killedAt = DateTimeOffset.UtcNow;
                killTimes.Enqueue(killedAt);
                journalAtKill[killedAt] = LeftInJournal(database);
                Assert.DoesNotContain(bot.Errors, l => l.Contains("   at ", StringComparison.Ordinal));
            }

            // The last run finishes the rounds in progress and stays up until every user got every answer.
            using var last = BotProcess.Start(folder.FullName, environment);
            await stop.CancelAsync();
            await Task.WhenAll(users).WaitAsync(TimeSpan.FromSeconds(120));
            await Task.Delay(500);
            last.Kill();
            killTimes.Enqueue(DateTimeOffset.UtcNow);
        }
        finally
        {
            await stop.CancelAsync();
        }

        var killList = killTimes.ToList();
        var forgiven = 0;
        var longestInFlight = 0d;
        var messages = 0;
        foreach (var user in Enumerable.Range(1, Users).Select(u => (long)u))
        {
            var want = expected[user];
            var got = Answers.In(api, user);
            messages += sent[user];
            var i = 0;
            for (var j = 0; j < got.Count; j++)
            {
                var text = got[j].Text;
                if (i < want.Count && text == want[i])
                {
                    i++;
                    continue;
                }

                // Same text as the answer before it, this copy sent after the kill of the process that sent the first one
                // (accepted before that kill, or at most ServerLag after its recorded time), and still in that process's
                // journal when it was killed: accepted by Telegram, its removal not yet on disk. Nothing else may repeat.
                var killOfSender = j > 0 ? killList.Where(kill => kill >= got[j - 1].At - ServerLag).DefaultIfEmpty(DateTimeOffset.MaxValue).Min() : DateTimeOffset.MaxValue;
                var isResentFromJournal = j > 0 && got[j - 1].Text == text && got[j].At > killOfSender
                    && journalAtKill.TryGetValue(killOfSender, out var left) && left.Contains((user, text!));
                Assert.True(isResentFromJournal, $"user {user}, answer {j}: expected {(i < want.Count ? want[i] : "nothing more")}, got {text}");
                longestInFlight = Math.Max(longestInFlight, (killOfSender - got[j - 1].At).TotalMilliseconds);
                forgiven++;
            }

            Assert.True(i == want.Count, $"user {user}: {want.Count - i} answers lost; first missing: {(i < want.Count ? want[i] : string.Empty)}");
        }

        // The file after the last SIGKILL opens, and holds exactly the books and conversations of a bot that never crashed.
        using (var stored = LiteDbStorage.Open(database))
        {
            var books = stored.AsStores().Books;
            var sessions = stored.AsStores().Sessions;
            foreach (var user in Enumerable.Range(1, Users).Select(u => (long)u))
            {
                var want = oracle.Storage.AsStores().Books.Load(user);
                var got = books.Load(user);
                Assert.NotNull(got);
                Assert.Equal(want!.WalletBalance, got.WalletBalance);
                Assert.Equal(want.Positions, got.Positions);
                Assert.Equal(oracle.Storage.AsStores().Sessions.Load(user, user)?.State, sessions.Load(user, user)?.State);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kills} kills, {Users} users, {messages} messages, {expected.Values.Sum(v => v.Count)} answers expected and received; {forgiven} resent after a kill (accepted by Telegram, still in the journal at the kill; the earliest accepted {longestInFlight:0} ms before it)"));
        folder.Delete(recursive: true);
    }
}
