using MarginBot.Conversations.Chat;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;

namespace MarginBot.Telegram.Tests;

/// <summary>The menus set with setMyCommands offer only commands the dispatcher answers, within Telegram's rules.</summary>
public sealed class CommandMenuTests
{
    [Theory]
    [InlineData(ChatKind.Private)]
    [InlineData(ChatKind.Group)]
    public void CommandMenu_EveryCommand_IsAnsweredAndFitsTelegramsRules(ChatKind kind)
    {
        var folder = Directory.CreateTempSubdirectory("marginbot-menu-");
        try
        {
            using var storage = LiteDbStorage.Open(Path.Combine(folder.FullName, "menu.db"));
            var dispatcher = new Dispatcher(storage.AsStores(), TierCatalog.LoadBundled(), TimeProvider.System);
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
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
