using MarginBot.Conversations.Chat;
using MarginBot.Engine.Tiers;

namespace MarginBot.Telegram.Tests;

/// <summary>The menus set with setMyCommands offer only commands the dispatcher answers, within Telegram's rules.</summary>
public sealed class CommandMenuTests
{
    [Theory]
    [InlineData(ChatKind.Private)]
    [InlineData(ChatKind.Group)]
    public void CommandMenu_EveryCommand_IsAnsweredAndFitsTelegramsRules(ChatKind kind)
    {
        using var store = new global::MarginBot.TestKit.TempLiteDb();
        var dispatcher = new Dispatcher(store.Storage.AsStores(), TierCatalog.LoadBundled(), TimeProvider.System);
        const long chat = -4100L;
        long messageId = 0;
        foreach (var (command, description) in Dispatcher.CommandMenu(kind))
        {
            Assert.Matches("^[a-z0-9_]{1,32}$", command);
            Assert.InRange(description.Length, 1, 256);
            var text = "/" + command + (kind == ChatKind.Group ? "@MarginBot" : string.Empty);
            // A user per command: each user has a budget of messages per minute.
            var user = 1000 + messageId;
            var replies = dispatcher.Handle(InboundMessage.Typed(kind == ChatKind.Group ? chat : user, kind, user, "Alice", text, ++messageId));
            Assert.True(replies.Count > 0, text + " got no answer");
            Assert.All(replies, r => Assert.DoesNotContain("I do not know", r.Html, StringComparison.Ordinal));
        }
    }
}
