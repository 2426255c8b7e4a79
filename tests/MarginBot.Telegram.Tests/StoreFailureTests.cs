using System.Globalization;
using System.Net;
using System.Text;
using MarginBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarginBot.Telegram.Tests;

/// <summary>
/// Issue 14: a failing store is not poison. The real LiteDB file is capped at its size (LiteDB's
/// LIMIT_SIZE, as a full disk): writes fail until the cap is lifted. Meanwhile nothing is confirmed
/// to Telegram, the cause is logged once (not once an update), and afterwards every update is
/// answered exactly once.
/// </summary>
public sealed class StoreFailureTests
{
    private const string Failing = "The database fails";

    [Fact]
    public async Task Polling_StoreFull_NothingConfirmedUntilItWorks_ThenEveryUpdateAnsweredOnce()
    {
        await using var s = await Scenario.StartAsync();
        await s.SayAsync(1, 1, "/mistakes");
        s.Bot.Storage.LimitFileSize(s.Bot.Storage.FileSize());

        // Users write until the file must grow; then some more while it cannot.
        var users = new List<long>();
        var next = 100L;
        for (var round = 0; round < 80 && !Logged(s.Bot, Failing); round++)
        {
            var last = 0;
            s.Api.Together(() =>
            {
                for (var i = 0; i < 10; i++, next++)
                {
                    users.Add(next);
                    last = s.Api.UserSays(next, next, $"/liq btc long {60000 + next} 10x");
                }
            });
            await s.Api.WaitUntilAsync(() => s.Api.ConfirmedBelow > last || Logged(s.Bot, Failing), TimeSpan.FromSeconds(20), $"round {round} to be handled or the store to fail");
        }

        Assert.True(Logged(s.Bot, Failing), "the capped store never failed");
        var stuck = s.Api.ConfirmedBelow;
        var lastUpdate = 0;
        s.Api.Together(() =>
        {
            for (var i = 0; i < 20; i++, next++)
            {
                users.Add(next);
                lastUpdate = s.Api.UserSays(next, next, $"/liq btc long {60000 + next} 10x");
            }
        });

        // The bot polls again and again with the same offset, confirming nothing, and logs the cause once.
        await s.Api.WaitUntilAsync(() => s.Api.Calls.Count(c => c.Method == "getUpdates" && (int?)c.Parameters["offset"] == stuck) >= 3, TimeSpan.FromSeconds(30), "three polls at the stuck offset");
        Assert.Equal(stuck, s.Api.ConfirmedBelow);
        Assert.Single(s.Bot.Logs.Lines, l => l.Text.StartsWith(Failing, StringComparison.Ordinal));
        Assert.DoesNotContain(s.Bot.Logs.Lines, l => l.Text.Contains("cannot be handled", StringComparison.Ordinal) || l.Text.Contains("failed (", StringComparison.Ordinal));

        s.Bot.Storage.LimitFileSize(null);
        await s.Bot.SettledAsync(s.Api, lastUpdate);

        foreach (var user in users)
        {
            var replies = s.Api.Calls.Count(c => c.IsSend && c.Ok && c.ChatId == user);
            Assert.True(replies == 1, $"user {user.ToString(CultureInfo.InvariantCulture)} got {replies} replies");
            Assert.Contains((60000 + user).ToString("N0", CultureInfo.InvariantCulture), s.Api.MessagesIn(user)[0].Text, StringComparison.Ordinal);
        }

        Assert.Contains(s.Bot.Logs.Lines, l => l.Text.StartsWith("The database works again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Polling_StoreFailsLongerThanTheLimit_HostStopsWithExitCode3AndOneLine()
    {
        await using var s = await Scenario.StartAsync(settings => settings["MarginBot:Telegram:StoreFailureLimit"] = "00:00:02");
        var stopping = s.Bot.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        s.Bot.Storage.LimitFileSize(s.Bot.Storage.FileSize());
        var next = 100L;
        for (var round = 0; round < 80 && !Logged(s.Bot, Failing); round++)
        {
            var last = 0;
            s.Api.Together(() =>
            {
                for (var i = 0; i < 10; i++, next++)
                {
                    last = s.Api.UserSays(next, next, $"/liq btc long {60000 + next} 10x");
                }
            });
            await s.Api.WaitUntilAsync(() => s.Api.ConfirmedBelow > last || Logged(s.Bot, Failing), TimeSpan.FromSeconds(20), $"round {round} to be handled or the store to fail");
        }

        await s.Api.WaitUntilAsync(() => stopping.IsCancellationRequested, TimeSpan.FromSeconds(30), "the host to stop; log: " + string.Join("\n", s.Bot.Logs.Lines.TakeLast(15).Select(l => l.Text)));
        var exit = s.Bot.Services.GetRequiredService<BotExit>();
        Assert.Equal(3, exit.Code);
        Assert.StartsWith("the database has failed for ", exit.Line, StringComparison.Ordinal);
        Assert.Contains("MarginBot:Telegram:StoreFailureLimit", exit.Line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exit.Line!);
    }

    [Fact]
    public async Task Webhook_StoreFull_503_PoisonStill200_AfterHealTheRedeliveryAnsweredOnce()
    {
        await using var api = await FakeBotApi.StartAsync();
        var folder = Directory.CreateTempSubdirectory("marginbot-telegram-");
        var port = HostingTests.FreePort();
        var settings = HostingTests.WebhookSettings(api, folder, port);
        var logs = new LogSink();
        var builder = BotHost.CreateBuilder(BotConfiguration.Load(settings))
            .AddBotLogging().AddTelegramOptions().AddConversationStorage().AddConversationEngine()
            .AddTelegramClient().AddTelegramUpdates().AddTelegramSending().AddTelegramReceiving();
        builder.Logging.AddProvider(logs);
        var host = builder.BuildBot();
        await host.StartAsync();
        try
        {
            var storage = host.Services.GetRequiredService<MarginBot.Storage.LiteDbStorage>();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            storage.LimitFileSize(storage.FileSize());
            var answered = new List<long>();
            var refused = new List<long>();
            var user = 100L;
            for (; user < 900 && refused.Count == 0; user++)
            {
                await PostAsync(user);
            }

            Assert.True(refused.Count != 0, "the capped store never failed");
            for (var more = 0; more < 5; more++, user++)
            {
                await PostAsync(user);
            }

            using (var poison = HostingTests.Post(PoisonUpdates.InlineWithoutFrom.Replace("{id}", "5", StringComparison.Ordinal), "s3cret-token_1"))
            {
                Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(poison)).StatusCode);
            }

            // Telegram delivers a refused update again later; by then the store works.
            storage.LimitFileSize(null);
            foreach (var again in refused.ToList())
            {
                using var redelivered = HostingTests.Post(Message(again), "s3cret-token_1");
                Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(redelivered)).StatusCode);
                answered.Add(again);
            }

            async Task PostAsync(long from)
            {
                using var post = HostingTests.Post(Message(from), "s3cret-token_1");
                var status = (await http.SendAsync(post)).StatusCode;
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"update {from}: {status}");
                (status == HttpStatusCode.OK ? answered : refused).Add(from);
            }

            await host.Services.GetRequiredService<Outbox>().WhenIdle().WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var chat in answered)
            {
                Assert.Single(api.MessagesIn(chat));
            }

            // Once per outage (an update the capped file still had room for ends one): never once per refused update.
            var failingLogged = logs.Lines.Count(l => l.Text.StartsWith(Failing, StringComparison.Ordinal));
            Assert.InRange(failingLogged, 1, refused.Count);
        }
        finally
        {
            await host.StopAsync();
            host.Dispose();
            folder.Delete(recursive: true);
        }
    }

    private static bool Logged(TestBot bot, string start) => bot.Logs.Lines.Any(l => l.Text.StartsWith(start, StringComparison.Ordinal));

    private static string Message(long user)
    {
        var id = user.ToString(CultureInfo.InvariantCulture);
        return new StringBuilder()
            .Append("{\"update_id\":").Append(id)
            .Append(",\"message\":{\"message_id\":5,\"from\":{\"id\":").Append(id).Append(",\"is_bot\":false,\"first_name\":\"Alice\"}")
            .Append(",\"chat\":{\"id\":").Append(id).Append(",\"type\":\"private\",\"first_name\":\"Alice\"}")
            .Append(",\"date\":1760000000,\"text\":\"/liq btc long ").Append(60000 + user).Append(" 10x\"}}")
            .ToString();
    }
}
