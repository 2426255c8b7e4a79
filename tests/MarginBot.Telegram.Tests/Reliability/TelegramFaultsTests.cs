using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MarginBot.Telegram.Tests.Reliability;

/// <summary>Issue 7, item 3: a sustained storm of 429s, 500s, timeouts and dropped connections, at Telegram's real send limits.</summary>
public sealed class TelegramFaultsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Storm_EveryReplyOnceInOrder_WithinTelegramLimits_PollingAlive()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("MARGINBOT_STORM_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var sec) ? sec : 12;
        var random = new Random(7);
        var chaosGate = new Lock();
        await using var api = await FakeBotApi.StartAsync();
        var folder = Directory.CreateTempSubdirectory("marginbot-storm-");
        using var oracle = new Oracle(folder.FullName);
        var faults = new Dictionary<FaultKind, int>();
        var trace = new SendTrace();
        var origin = DateTimeOffset.UtcNow;
        api.Chaos = (method, _) =>
        {
            lock (chaosGate)
            {
                var roll = random.NextDouble();
                FaultKind? kind = roll < 0.15 ? FaultKind.TooManyRequests : roll < 0.25 ? FaultKind.ServerError : roll < 0.30 ? FaultKind.Drop : roll < 0.33 ? FaultKind.Slow : null;
                if (kind is not { } k)
                {
                    return null;
                }

                faults[k] = faults.GetValueOrDefault(k) + 1;

                // Slow: longer than the send timeout (3 s), so the bot gives up on the call and tries again.
                return new Fault(method, k, RetryAfter: 1, Delay: TimeSpan.FromSeconds(4));
            }
        };

        var bot = await TestBot.StartAsync(api, folder.FullName, o =>
        {
            // Telegram's own limits, not the quick test ones.
            ReliabilitySettings.SendLimits(o, chat: (1, TimeSpan.FromSeconds(1)), group: (20, TimeSpan.FromMinutes(1)), overall: (30, TimeSpan.FromSeconds(1)));
            o["MarginBot:Telegram:Retry:Attempts"] = "12";
            o["MarginBot:Telegram:Retry:MaxRateLimitWaits"] = "100";
            ReliabilitySettings.ForLoadTests(o);
        }, services => services.AddHttpClient(TelegramServices.HttpClientName).AddHttpMessageHandler(() => trace));
        await using (bot)
        {
            long[] privates = [.. Enumerable.Range(1, 40).Select(u => (long)u)];
            long[] groups = [-9001, -9002];
            string[] terms = ["cross", "isolated", "funding", "liquidation", "leverage"];
            var expected = new Dictionary<long, List<string>>();
            var messages = 0;
            void Say(long chat, long user, string text)
            {
                expected.TryAdd(chat, []);
                expected[chat].AddRange(oracle.Says(chat, user, text));
                api.UserSays(chat, user, text);
                messages++;
            }

            // A burst first (80 replies at once: the global 30/s bucket), then steady traffic for the storm's length.
            api.Together(() =>
            {
                foreach (var user in privates)
                {
                    Say(user, user, $"/wallet {user * 10}");
                    Say(user, user, $"/wallet {user * 10 + 1}");
                }
            });
            var end = DateTimeOffset.UtcNow.AddSeconds(seconds);
            for (var tick = 0; DateTimeOffset.UtcNow < end; tick++)
            {
                foreach (var user in privates.Take(8))
                {
                    Say(user, user, $"/wallet {user * 1000 + tick}");
                }

                if (tick % 2 == 0)
                {
                    foreach (var group in groups)
                    {
                        Say(group, 77, $"/glossary@MarginBot {terms[tick / 2 % terms.Length]}");
                    }
                }

                await Task.Delay(1500);
            }

            api.Chaos = null;
            var total = expected.Values.Sum(v => v.Count);
            await api.WaitUntilAsync(() => expected.All(e => Answers.In(api, e.Key).Count >= e.Value.Count), TimeSpan.FromSeconds(120), $"all {total} replies");
            await Task.Delay(1000);

            var closest = TimeSpan.MaxValue;
            foreach (var (chat, want) in expected)
            {
                var got = Answers.In(api, chat);
                Assert.Equal(want, got.Select(c => c.Text!).ToList());
                var times = got.Select(c => c.At).ToList();
                closest = times.Zip(times.Skip(1), (a, b) => b - a).Append(closest).Min();

                // On failure, both sides of the chat's calls: arrivals (server) and departures (bot), in ms since the start.
                var sides = $"chat {chat}; server: "
                    + string.Join("; ", api.Calls.Where(c => c.ChatId == chat).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Method} {(c.At - origin).TotalMilliseconds:F0} {c.Status}")))
                    + "; bot: " + trace.Describe(chat, origin);
                Answers.AssertWithinBucket(times, 1, TimeSpan.FromSeconds(1), Tolerance, sides);
                if (chat < 0)
                {
                    Answers.AssertWithinBucket(times, 20, TimeSpan.FromMinutes(1), Tolerance, $"group {chat}");
                }
            }

            var all = api.Calls.Where(c => c.Ok && (c.IsSend || c.IsEdit)).Select(c => c.At).OrderBy(t => t).ToList();
            Answers.AssertWithinBucket(all, 30, TimeSpan.FromSeconds(1), Tolerance, "all chats");

            // Polling survived the storm: a new message is answered.
            var after = oracle.Says(5, 5, "/wallet 4242");
            api.UserSays(5, 5, "/wallet 4242");
            await api.WaitUntilAsync(() => Answers.In(api, 5).Count == expected[5].Count + after.Count, TimeSpan.FromSeconds(30), "an answer after the storm");
            Assert.Equal(after[^1], Answers.In(api, 5)[^1].Text);

            var failed = api.Calls.Count(c => !c.Ok);
            output.WriteLine($"storm {seconds} s, {messages} messages, {total} replies, each delivered once in order; faults injected: "
                + string.Join(", ", faults.Select(f => $"{f.Key} {f.Value}")) + $"; {failed} calls failed; closest two arrivals in one chat {closest.TotalMilliseconds:F0} ms; "
                + $"fewest ms spanned by 31 arrivals {all.Zip(all.Skip(30), (a, b) => (b - a).TotalMilliseconds).DefaultIfEmpty().Min():F0}; load average {ConcurrencyTests.LoadAverage()}");
            Assert.Contains(faults, f => f.Key == FaultKind.Drop);
        }

        folder.Delete(recursive: true);
    }
}
