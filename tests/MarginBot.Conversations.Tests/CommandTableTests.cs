using MarginBot.TestKit;
using MarginBot.Conversations.Chat;

namespace MarginBot.Conversations.Tests;

/// <summary>The one command table feeds the router, the menus, /help and docs/commands.md.</summary>
public class CommandTableTests
{
    [Fact]
    public void CommandsDoc_TableEqualsTheCommandTable()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "commands.md")).ReplaceLineEndings("\n");

        var table = CommandTable.MarkdownTable();

        Assert.True(doc.Contains(table, StringComparison.Ordinal), "docs/commands.md must hold the command table as CommandTable.MarkdownTable() writes it:\n" + table);
    }

    [Theory]
    [InlineData(ChatKind.Private)]
    [InlineData(ChatKind.Group)]
    public void Menu_OffersOnlyCommandsAnsweredInThatKindOfChat(ChatKind kind)
    {
        var scope = kind == ChatKind.Group ? CommandScope.Group : CommandScope.Private;

        Assert.NotEmpty(CommandTable.Menu(kind));
        Assert.All(CommandTable.Menu(kind), item => Assert.True(CommandTable.Find(item.Command)!.Scopes.HasFlag(scope), item.Command));
    }

    [Fact]
    public void Table_EveryCommandIsAnsweredWhereItsScopesSay()
    {
        Assert.All(CommandTable.All, c =>
        {
            Assert.Matches("^[a-z0-9_]{1,32}$", c.Name);
            Assert.Equal(c.Scopes.HasFlag(CommandScope.Group), c.InGroup is not null);
            Assert.Equal(c.GroupHelp is not null, c.GroupHelp is not null && c.Scopes.HasFlag(CommandScope.Group));
        });
        Assert.Equal(CommandTable.All.Count, CommandTable.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Help_ListsEveryHelpLineOfItsKind_AndGroupStartNamesTheGroupCommands()
    {
        var privateHelp = CommandTable.Help(string.Empty, ChatKind.Private, "MarginBot");
        var groupHelp = CommandTable.Help(string.Empty, ChatKind.Group, "MarginBot");

        Assert.All(CommandTable.All.Where(c => c.PrivateHelp is not null), c => Assert.Contains(c.PrivateHelp!, privateHelp, StringComparison.Ordinal));
        Assert.All(CommandTable.All.Where(c => c.GroupHelp is not null), c => Assert.Contains(c.GroupHelp!.Replace("{bot}", "MarginBot", StringComparison.Ordinal), groupHelp, StringComparison.Ordinal));
        Assert.Contains("/liq@MarginBot, /size@MarginBot, /funding@MarginBot, /glossary@MarginBot, /mistakes@MarginBot and /help@MarginBot.", CommandTable.GroupStart("MarginBot"), StringComparison.Ordinal);
    }
}
