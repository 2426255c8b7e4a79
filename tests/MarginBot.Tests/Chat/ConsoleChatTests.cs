using LiteDB;
using MarginBot.Chat;
using MarginBot.Conversations.Chat;

namespace MarginBot.Tests.Chat;

/// <summary>The console chat over its real dispatcher and LiteDB file.</summary>
public sealed class ConsoleChatTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-console-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TypedLines_SameTextTwice_BothAnswered_NoRecordOfHandledMessagesKept()
    {
        var path = Path.Combine(_folder.FullName, "data", "marginbot.db");
        var output = new StringWriter();

        var code = ConsoleChat.Run(new AppSettings(path, new ConversationOptions()), new StringReader("/glossary cross\n/glossary cross\n/quit\n"), output);

        Assert.Equal(0, code);
        Assert.Equal(2, output.ToString().Split("Cross margin").Length - 1);

        // A typed line never comes twice, so the dispatcher keeps no record of handled message ids (a read and a write per line for nothing).
        using var database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = true });
        Assert.Equal(0, database.GetCollection("processed").Count());
    }
}
