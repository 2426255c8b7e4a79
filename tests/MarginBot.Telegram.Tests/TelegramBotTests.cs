using System.Text.Json.Nodes;

namespace MarginBot.Telegram.Tests;

/// <summary>Private chats, groups and inline mode, end to end over HTTP.</summary>
public sealed class TelegramBotTests
{
    private const long Alice = 42;
    private const long Group = -4001;

    [Fact]
    public async Task Start_Connects_SetsBothMenusAndRemovesWebhook()
    {
        await using var s = await Scenario.StartAsync();
        await s.Api.WaitUntilAsync(() => s.Api.Calls.Any(c => c.Method == "getUpdates"), TimeSpan.FromSeconds(10), "the first poll");
        var calls = s.Api.Calls;
        Assert.Equal("getMe", calls[0].Method);
        var scopes = calls.Where(c => c.Method == "setMyCommands").Select(c => (string?)c.Parameters["scope"]?["type"]).ToList();
        Assert.Equal(["all_private_chats", "all_group_chats"], scopes);
        var privateMenu = calls.First(c => c.Method == "setMyCommands").Parameters["commands"]!.AsArray();
        Assert.Contains(privateMenu, c => (string?)c!["command"] == "check");
        var deleteWebhook = Assert.Single(calls, c => c.Method == "deleteWebhook");
        Assert.NotEqual("true", deleteWebhook.Parameters["drop_pending_updates"]?.ToString());
        var poll = calls.First(c => c.Method == "getUpdates");
        Assert.Equal(["message", "callback_query", "inline_query", "my_chat_member"], poll.Parameters["allowed_updates"]!.AsArray().Select(u => (string)u!));
        s.AssertTokenNeverLogged();
    }

    [Fact]
    public async Task Check_WithButtonsAndEdits_AnswersPressesFirstAndEditsTheStepInPlace()
    {
        await using var s = await Scenario.StartAsync();
        await s.SayAsync(Alice, Alice, "/check");
        await s.SayAsync(Alice, Alice, "sol long");
        await s.SayAsync(Alice, Alice, "150");
        await s.SayAsync(Alice, Alice, "$300");
        await s.SayAsync(Alice, Alice, "3x");
        var before = s.LastText(Alice);

        var modeMessage = await s.PressAsync(Alice, Alice, "Isolated");
        AssertAnsweredThenEdited(s.Api, modeMessage);
        var edited = s.Api.MessagesIn(Alice).Single(m => m.MessageId == modeMessage);
        Assert.NotEqual(before, edited.Text);
        Assert.DoesNotContain(edited.Buttons, b => b.Label == "Isolated");

        await s.SayAsync(Alice, Alice, "100");
        var maxLoss = await s.PressAsync(Alice, Alice, "Skip");
        AssertAnsweredThenEdited(s.Api, maxLoss);
        await s.SayAsync(Alice, Alice, "140");
        var hold = await s.PressAsync(Alice, Alice, "Skip");
        AssertAnsweredThenEdited(s.Api, hold);
        var summary = s.Api.MessagesIn(Alice).Single(m => m.MessageId == hold);
        Assert.Contains("Pre-trade check: SOLUSDT long", summary.Text, StringComparison.Ordinal);

        var sends = s.Api.Calls.Count(c => c.Method == "sendMessage");
        await s.PressAsync(Alice, Alice, "Save the position");
        Assert.Contains("Saved as position 1", s.LastText(Alice), StringComparison.Ordinal);
        Assert.Equal(sends + 1, s.Api.Calls.Count(c => c.Method == "sendMessage"));

        // The summary's keyboard was used: it is taken off so "Save" cannot be pressed twice.
        Assert.Contains(s.Api.Calls, c => c.Method == "editMessageReplyMarkup" && c.MessageId == hold && c.Ok);
        Assert.Empty(s.Api.MessagesIn(Alice).Single(m => m.MessageId == hold).Buttons);

        Assert.Equal(4, s.Api.Calls.Count(c => c.Method == "answerCallbackQuery"));
        Assert.All(s.Api.Calls.Where(c => c.IsSend || c.IsEdit), c => Assert.Equal("html", c.ParseMode, ignoreCase: true));
        Assert.All(s.Api.Calls.Where(c => c.IsSend || c.IsEdit || c.Method == "editMessageReplyMarkup"), c => Assert.True(c.Ok, c.Method + " failed"));
        s.AssertTokenNeverLogged();
    }

    [Fact]
    public async Task Group_LiqAddressedToTheBot_AnsweredAndOtherBotsIgnored()
    {
        await using var s = await Scenario.StartAsync();
        await s.SayAsync(Group, 7, "/liq@MarginBot btc long 60000 10x", "Bob");
        Assert.Contains("Estimated liquidation price", s.LastText(Group), StringComparison.Ordinal);

        await s.SayAsync(Group, 7, "/liq@otherbot btc long 60000 10x", "Bob");
        await s.SayAsync(Group, 7, "what do you all think?", "Bob");
        Assert.Single(s.Api.MessagesIn(Group));

        await s.SayAsync(Group, 7, "/help@marginbot", "Bob");
        Assert.Contains("MarginBot in groups", s.LastText(Group), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserText_WithHtmlCharacters_IsEscapedSoTelegramAcceptsIt()
    {
        await using var s = await Scenario.StartAsync();
        await s.SayAsync(77, 77, "/start", firstName: "<b>Bob & \"Co\"");
        var call = s.Api.Calls.Last(c => c.Method == "sendMessage");
        Assert.True(call.Ok, "Telegram refused the HTML");
        Assert.Contains("&lt;b&gt;Bob &amp;", call.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InlineQuery_Trade_AnsweredWithTheLiquidationEstimate()
    {
        await using var s = await Scenario.StartAsync();
        var update = s.Api.UserTypesInline(Alice, "btc long 60000 10x");
        await s.Bot.SettledAsync(s.Api, update);
        var call = Assert.Single(s.Api.Calls, c => c.Method == "answerInlineQuery");
        Assert.Equal("true", call.Parameters["is_personal"]?.ToString());
        Assert.InRange(call.Parameters["cache_time"]!.GetValue<int>(), 0, 10);
        var result = Assert.Single(call.Parameters["results"]!.AsArray())!;
        Assert.Equal("article", (string?)result["type"]);
        Assert.Contains("BTCUSDT long", (string?)result["title"], StringComparison.Ordinal);
        Assert.Contains("Estimated liquidation price", (string?)result["description"], StringComparison.Ordinal);
        var content = result["input_message_content"]!;
        Assert.Contains("Estimated liquidation price: <b>", (string?)content["message_text"], StringComparison.Ordinal);
        Assert.Equal("html", (string?)content["parse_mode"], ignoreCase: true);
    }

    [Fact]
    public async Task InlineQuery_Incomplete_OffersAHintNotAnError()
    {
        await using var s = await Scenario.StartAsync();
        var update = s.Api.UserTypesInline(Alice, "btc long");
        await s.Bot.SettledAsync(s.Api, update);
        var call = Assert.Single(s.Api.Calls, c => c.Method == "answerInlineQuery");
        var result = Assert.Single(call.Parameters["results"]!.AsArray())!;
        Assert.Contains("Missing", (string?)result["title"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddedToGroup_PostsTheIntroductionOnce()
    {
        await using var s = await Scenario.StartAsync();
        var update = s.Api.BotAddedToGroup(Group, 7);
        await s.Bot.SettledAsync(s.Api, update);
        var intro = Assert.Single(s.Api.MessagesIn(Group));
        Assert.Contains("/liq@MarginBot", intro.Text, StringComparison.Ordinal);

        s.Api.Redeliver(update);
        await s.SayAsync(Group, 7, "/mistakes@MarginBot", "Bob");
        Assert.Equal(2, s.Api.MessagesIn(Group).Count);
    }

    [Fact]
    public async Task Restart_InTheMiddleOfCheck_ContinuesAndSkipsARedeliveredUpdate()
    {
        await using var s = await Scenario.StartAsync();
        await s.SayAsync(Alice, Alice, "/check");
        await s.SayAsync(Alice, Alice, "eth long");
        var entry = await s.SayAsync(Alice, Alice, "3000");
        var messages = s.Api.MessagesIn(Alice).Count;

        await s.RestartAsync();

        // Telegram delivers again what was in flight at a crash: the new process must not answer it twice.
        s.Api.Redeliver(entry);
        await s.SayAsync(Alice, Alice, "1");
        Assert.Equal(messages + 1, s.Api.MessagesIn(Alice).Count);
        Assert.DoesNotContain("I answer commands", s.LastText(Alice), StringComparison.Ordinal);
        await s.SayAsync(Alice, Alice, "5x");
        var modeMessage = await s.PressAsync(Alice, Alice, "Isolated");
        AssertAnsweredThenEdited(s.Api, modeMessage);
    }

    [Fact]
    public async Task StaleButton_AfterTheFlowEnded_IsAnsweredAndExplained()
    {
        await using var s = await Scenario.StartAsync();
        await s.SayAsync(Alice, Alice, "/check");
        await s.SayAsync(Alice, Alice, "sol long");
        await s.SayAsync(Alice, Alice, "150");
        await s.SayAsync(Alice, Alice, "$300");
        await s.SayAsync(Alice, Alice, "3x");
        var (modeMessage, data) = s.Api.Button(Alice, "Isolated");
        await s.SayAsync(Alice, Alice, "/cancel");

        var update = s.Api.UserPresses(Alice, Alice, modeMessage, data);
        await s.Bot.SettledAsync(s.Api, update);
        Assert.Contains(s.Api.Calls, c => c.Method == "answerCallbackQuery");
        Assert.Contains("conversation that has ended", s.LastText(Alice), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowChat_InTheSameBatch_DoesNotHoldUpAnotherChat()
    {
        await using var s = await Scenario.StartAsync();
        const long bob = 43;
        await s.SayAsync(Alice, Alice, "/check");
        await s.SayAsync(Alice, Alice, "sol");
        var (messageId, data) = s.Api.Button(Alice, "Long");
        s.Api.Inject(new Fault("answerCallbackQuery", FaultKind.Slow, Delay: TimeSpan.FromSeconds(2)));

        var press = 0;
        s.Api.Together(() =>
        {
            press = s.Api.UserPresses(Alice, Alice, messageId, data);
            s.Api.UserSays(bob, bob, "/mistakes");
        });
        await s.Api.WaitUntilAsync(() => s.Api.MessagesIn(bob).Count == 1, TimeSpan.FromSeconds(10), "Bob's answer");
        Assert.DoesNotContain(s.Api.Calls, c => c.Method == "editMessageText" && c.ChatId == Alice);

        await s.Bot.SettledAsync(s.Api, press);
        AssertAnsweredThenEdited(s.Api, messageId);
    }

    internal static void AssertAnsweredThenEdited(FakeBotApi api, int messageId)
    {
        var calls = api.Calls;
        var edit = calls.ToList().FindLastIndex(c => c.Method == "editMessageText" && c.MessageId == messageId);
        Assert.True(edit >= 0, $"message {messageId} was not edited");
        Assert.True(calls[edit].Ok, "the edit failed with " + calls[edit].Status);
        var answer = calls.Take(edit).ToList().FindLastIndex(c => c.Method == "answerCallbackQuery");
        Assert.True(answer >= 0, "the button press was not answered before the edit");
    }
}
