using MarginBot.Conversations.Chat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace MarginBot.Telegram.Tests;

/// <summary>Send limits, faults, retries and failures, end to end over HTTP.</summary>
public sealed class DeliveryTests
{
    private static readonly TimeSpan ChatPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan GroupPeriod = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task RateLimitStorm_EveryReplyDelivered_NoChatAboveItsLimit_OthersNotStalled()
    {
        await using var s = await Scenario.StartAsync(settings: o => o["MarginBot:Telegram:Limits:GroupMessages"] = "2");
        long[] users = [11, 12, 13];
        const long group = -4002;
        const long throttled = 11;
        s.Api.Inject(new Fault("sendMessage", FaultKind.TooManyRequests, Times: 3, ChatId: throttled, RetryAfter: 1));
        s.Api.Inject(new Fault("sendMessage", FaultKind.TooManyRequests, Times: 2, RetryAfter: 1));

        var last = 0;
        for (var round = 0; round < 6; round++)
        {
            foreach (var user in users)
            {
                last = s.Api.UserSays(user, user, "/glossary cross");
            }

            last = s.Api.UserSays(group, 20, "/glossary@MarginBot funding", "Bob");
        }

        await s.Bot.SettledAsync(s.Api, last);

        var delivered = s.Api.Calls.Where(c => c.Method == "sendMessage" && c.Ok).ToList();
        foreach (var chat in users.Append(group))
        {
            Assert.Equal(6, delivered.Count(c => c.ChatId == chat));
        }

        foreach (var chat in users)
        {
            AssertWithinBucket(delivered.Where(c => c.ChatId == chat).Select(c => c.At).ToList(), 1, ChatPeriod);
        }

        var groupSends = delivered.Where(c => c.ChatId == group).Select(c => c.At).ToList();
        AssertWithinBucket(groupSends, 1, ChatPeriod);
        AssertWithinBucket(groupSends, 2, GroupPeriod);
        Assert.True(groupSends[^1] - groupSends[0] >= TimeSpan.FromMilliseconds(1400), "6 group messages, a burst of 2 then 2 per second, need 1.5 s at least; sent at ms "
            + string.Join(", ", groupSends.Select(t => (t - groupSends[0]).TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture))));

        // The throttled chat waited its retry_after; meanwhile the other chats kept receiving.
        var firstLimit = s.Api.Calls.First(c => c.ChatId == throttled && c.Status == 429).At;
        var nextToThrottled = delivered.First(c => c.ChatId == throttled && c.At > firstLimit).At;
        Assert.True(nextToThrottled - firstLimit >= TimeSpan.FromMilliseconds(900), $"retry_after not respected: {(nextToThrottled - firstLimit).TotalMilliseconds} ms");
        Assert.Contains(delivered, c => c.ChatId != throttled && c.At > firstLimit && c.At < nextToThrottled);
        Assert.Contains(s.Bot.Logs.Lines, l => l.Text.Contains("rate-limited", StringComparison.Ordinal));
        s.AssertTokenNeverLogged();
    }

    [Fact]
    public async Task ServerErrorsDroppedConnectionsAndSlowAnswers_Retried_ReplyDeliveredOnce()
    {
        await using var s = await Scenario.StartAsync(settings: o => o["MarginBot:Telegram:SendTimeoutSeconds"] = "1");
        s.Api.Inject(new Fault("sendMessage", FaultKind.ServerError, Times: 2));
        s.Api.Inject(new Fault("sendMessage", FaultKind.Drop, Times: 1));
        s.Api.Inject(new Fault("sendMessage", FaultKind.Slow, Times: 1, Delay: TimeSpan.FromSeconds(3)));
        await s.SayAsync(42, 42, "/mistakes");

        var message = Assert.Single(s.Api.MessagesIn(42));
        Assert.Contains("Six mistakes", message.Text, StringComparison.Ordinal);
        Assert.Equal(2, s.Api.Calls.Count(c => c.Method == "sendMessage" && c.Status == 500));
        Assert.Equal(1, s.Api.Calls.Count(c => c.Method == "sendMessage" && c.Status == 0));
        Assert.Contains(s.Bot.Logs.Lines, l => l.Text.Contains("trying again", StringComparison.Ordinal));
        s.AssertTokenNeverLogged();
    }

    [Fact]
    public async Task GroupMigratedToSupergroup_ReplyFollowsToTheNewId()
    {
        await using var s = await Scenario.StartAsync();
        const long group = -4003;
        const long supergroup = -1000000004003;
        s.Api.Inject(new Fault("sendMessage", FaultKind.Migrate, Times: 1000, ChatId: group, MigrateTo: supergroup));
        await s.SayAsync(group, 7, "/mistakes@MarginBot", "Bob");
        await s.SayAsync(group, 7, "/glossary@MarginBot cross", "Bob");

        Assert.Equal(2, s.Api.MessagesIn(supergroup).Count);
        Assert.Single(s.Api.Calls, c => c.ChatId == group && c.Status == 400);
    }

    [Fact]
    public async Task ReplyThatFinallyFails_IsLoggedWithChatAndReason_AndTheChatGoesOn()
    {
        await using var s = await Scenario.StartAsync(settings: o => o["MarginBot:Telegram:Retry:Attempts"] = "2");
        s.Api.Inject(new Fault("sendMessage", FaultKind.ServerError, Times: 2, ChatId: 42));
        await s.SayAsync(42, 42, "/mistakes");
        await s.SayAsync(42, 42, "/glossary cross");

        var failure = Assert.Single(s.Bot.Logs.Lines, l => l.Level == LogLevel.Error && l.Text.Contains("not delivered", StringComparison.Ordinal));
        Assert.Contains("chat 42", failure.Text, StringComparison.Ordinal);
        Assert.Contains("500", failure.Text, StringComparison.Ordinal);
        Assert.Contains("Cross margin", Assert.Single(s.Api.MessagesIn(42)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerFailure_EvenOperationCanceled_PollingGoesOn()
    {
        var processed = new FailingProcessed();
        await using var s = await Scenario.StartAsync(services: processed.Install);
        processed.FailUpdate = s.Api.NextUpdateId;
        var poisoned = s.Api.UserSays(42, 42, "/mistakes");
        await s.SayAsync(42, 42, "/glossary cross");

        Assert.True(s.Api.ConfirmedBelow > poisoned);
        Assert.Contains("Cross margin", Assert.Single(s.Api.MessagesIn(42)).Text, StringComparison.Ordinal);
        Assert.Contains(s.Bot.Logs.Lines, l => l.Level == LogLevel.Error && l.Text.Contains($"Update {poisoned} of chat 42 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DecisionFailure_InASharedTransaction_OnlyThatUpdateLostOthersAnsweredOnce()
    {
        var processed = new FailingProcessed();
        await using var s = await Scenario.StartAsync(services: processed.Install);
        long[] chats = [41, 42, 43, 44];
        var poisoned = 0;
        var last = 0;

        // One getUpdates batch (Together): its four decisions are handed to the storage thread at once,
        // so they run in one shared transaction, which the poisoned one rolls back for all of them.
        s.Api.Together(() =>
        {
            foreach (var chat in chats)
            {
                last = s.Api.UserSays(chat, chat, "/glossary cross");
                if (chat == 42)
                {
                    // Fails after its decision and replies were made, inside the transaction it shares with the others.
                    poisoned = last;
                    processed.FailMark = last;
                }
            }
        });
        await s.Bot.SettledAsync(s.Api, last);

        Assert.Empty(s.Api.MessagesIn(42));
        foreach (var chat in chats.Where(c => c != 42))
        {
            Assert.Contains("Cross margin", Assert.Single(s.Api.MessagesIn(chat)).Text, StringComparison.Ordinal);
        }

        Assert.Contains(s.Bot.Logs.Lines, l => l.Level == LogLevel.Error && l.Text.Contains($"Update {poisoned} of chat 42 failed", StringComparison.Ordinal));
        // The poisoned decision's reply was journalled in the rolled-back transaction: nothing is left to send at the next start.
        Assert.Empty(s.Bot.Storage.PendingOutgoing());
    }

    [Fact]
    public async Task GetUpdatesFailing_PollingRecovers()
    {
        await using var s = await Scenario.StartAsync();
        s.Api.Inject(new Fault("getUpdates", FaultKind.ServerError, Times: 1));
        s.Api.Inject(new Fault("getUpdates", FaultKind.Drop, Times: 1));
        await s.SayAsync(42, 42, "/mistakes");
        Assert.Single(s.Api.MessagesIn(42));
        Assert.Contains(s.Bot.Logs.Lines, l => l.Text.Contains("getUpdates failed", StringComparison.Ordinal));
    }

    /// <summary>
    /// Token-bucket bound: any run of sends i..j spanning Δ holds at most the full bucket
    /// (<paramref name="limit"/>), plus what refills in Δ (limit × Δ / period, rounded up), plus one
    /// for a fraction carried in. Without the limiter a queue of replies goes out within milliseconds.
    /// </summary>
    private static void AssertWithinBucket(List<DateTimeOffset> sends, int limit, TimeSpan period)
    {
        for (var i = 0; i < sends.Count; i++)
        {
            for (var j = i; j < sends.Count; j++)
            {
                var span = sends[j] - sends[i];
                var allowed = limit + (int)Math.Ceiling(limit * span.Ticks / (double)period.Ticks) + 1;
                Assert.True(j - i + 1 <= allowed, $"{j - i + 1} sends within {span.TotalMilliseconds} ms; at most {allowed} allowed ({limit} per {period.TotalMilliseconds} ms)");
            }
        }
    }

    /// <summary>Throws OperationCanceledException while the poisoned update is checked: a handler failure of the worst kind.</summary>
    private sealed class FailingProcessed
    {
        public int FailUpdate { get; set; } = -1;

        /// <summary>The update whose handled mark throws: the last store call of its decision, inside its transaction.</summary>
        public int FailMark { get; set; } = -1;

        /// <summary>Puts this in front of the bot's own record of handled updates.</summary>
        public void Install(IServiceCollection services)
        {
            services.RemoveAll<IHandledUpdates>();
            services.AddSingleton<IHandledUpdates>(sp => new Wrapper(this, sp.GetRequiredService<MarginBot.Storage.LiteDbStorage>()));
        }

        private sealed class Wrapper(FailingProcessed owner, IHandledUpdates inner) : IHandledUpdates
        {
            public IReadOnlySet<long> Handled(IReadOnlyCollection<long> updateIds) =>
                updateIds.Contains(owner.FailUpdate)
                    ? throw new OperationCanceledException("poisoned update")
                    : inner.Handled(updateIds);

            public void MarkHandled(long updateId, DateTimeOffset at)
            {
                if (updateId == owner.FailMark)
                {
                    throw new InvalidOperationException("poisoned decision");
                }

                inner.MarkHandled(updateId, at);
            }
        }
    }
}
