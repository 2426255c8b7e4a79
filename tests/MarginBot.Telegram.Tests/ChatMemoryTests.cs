using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace MarginBot.Telegram.Tests;

/// <summary>Issue 14: per-chat entries in memory are dropped when the chats go idle, so memory does not grow with every chat ever seen.</summary>
public sealed class ChatMemoryTests
{
    private const int Chats = 50;

    [Fact]
    public async Task Outbox_ChatsGoIdle_LanesDroppedAtOnce_LastMessagesForgottenAfterTheIdleTime()
    {
        await using var s = await Scenario.StartAsync();
        var last = 0;
        s.Api.Together(() =>
        {
            for (var chat = 1; chat <= Chats; chat++)
            {
                last = s.Api.UserSays(chat, chat, "/mistakes");
            }
        });
        await s.Bot.SettledAsync(s.Api, last);
        Assert.Equal(Chats, Enumerable.Range(1, Chats).Count(chat => s.Api.MessagesIn(chat).Count == 1));

        // Every reply is out: no chat has a send lane left; each chat's last message is still remembered.
        Assert.Equal((0, Chats), s.Bot.Outbox.ChatsInMemory);

        var idle = new TelegramOptions().ForgetIdleChatsAfter;
        Assert.Equal(0, s.Bot.Outbox.ForgetIdle(DateTimeOffset.UtcNow + idle - TimeSpan.FromMinutes(1)));
        Assert.Equal(Chats, s.Bot.Outbox.ForgetIdle(DateTimeOffset.UtcNow + idle + TimeSpan.FromMinutes(1)));
        Assert.Equal((0, 0), s.Bot.Outbox.ChatsInMemory);

        // A forgotten chat is served as before.
        await s.SayAsync(7, 7, "/mistakes");
        Assert.Equal(2, s.Api.MessagesIn(7).Count);
        Assert.Equal((0, 1), s.Bot.Outbox.ChatsInMemory);
    }

    [Fact]
    public async Task Pipeline_WebhookUpdatesOfManyChats_NoPerChatTurnLeftOnceHandled()
    {
        await using var s = await Scenario.StartAsync();
        var pipeline = s.Bot.Services.GetRequiredService<UpdatePipeline>();
        var updates = Enumerable.Range(1, Chats).SelectMany(chat => new[] { Update(chat, 2 * chat), Update(chat, (2 * chat) + 1) }).ToList();

        var failures = await Task.WhenAll(updates.Select(u => pipeline.HandleAsync(u, CancellationToken.None)));

        Assert.All(failures, Assert.Null);
        Assert.Equal(0, pipeline.ChatsInMemory);
        await s.Bot.Outbox.WhenIdle().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(Enumerable.Range(1, Chats), chat => Assert.Equal(2, s.Api.MessagesIn(chat).Count));
    }

    private static IncomingUpdate Update(int chat, int id)
    {
        var c = chat.ToString(CultureInfo.InvariantCulture);
        var json = "{\"update_id\":" + (100_000 + id).ToString(CultureInfo.InvariantCulture) + ",\"message\":{\"message_id\":" + id.ToString(CultureInfo.InvariantCulture)
            + ",\"from\":{\"id\":" + c + ",\"is_bot\":false,\"first_name\":\"Alice\"},\"chat\":{\"id\":" + c + ",\"type\":\"private\",\"first_name\":\"Alice\"},\"date\":1760000000,\"text\":\"/mistakes\"}}";
        using var document = JsonDocument.Parse(json);
        return UpdateReader.Read(document.RootElement);
    }
}
