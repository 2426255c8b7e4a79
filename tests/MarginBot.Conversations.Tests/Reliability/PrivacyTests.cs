using MarginBot.TestKit;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Transcripts;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Conversations.Tests.Reliability;

/// <summary>Issue 7, item 5 at the conversation level: buttons obey their owner; groups never see a book.</summary>
public sealed class PrivacyTests : IDisposable
{
    private static readonly TierCatalog Catalog = TierCatalog.LoadBundled();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-privacy-");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 16, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Delete(recursive: true);

    public static TheoryData<string> GroupTranscripts()
    {
        var data = new TheoryData<string>();
        foreach (var row in (IEnumerable<object[]>)TranscriptTests.Files())
        {
            var file = (string)row[0];
            if (File.ReadLines(Path.Combine(RepositoryRoot.Path, "tests", file)).Any(l => l.Trim() == "@group"))
            {
                data.Add(file);
            }
        }

        return data;
    }

    [Fact]
    public void Press_ButtonOfAnotherUsersSession_RefusedAndTheirSessionUnchanged()
    {
        using var storage = LiteDbStorage.Open(Path.Combine(_folder.FullName, "chat.db"));
        var dispatcher = new Dispatcher(storage.AsStores(), Catalog, _clock);
        var question = dispatcher.Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", "/mode", 1)).Single();
        var yes = question.AllButtons.First().Data;
        var aliceBefore = ((ISessionStore)storage).Load(1, 1);

        // Bob presses Alice's button: forged into her private chat, and on a message in a group.
        var inHerChat = dispatcher.Handle(InboundMessage.Pressed(1, ChatKind.Private, 2, "Bob", yes, 2)).Single();
        var inGroup = dispatcher.Handle(InboundMessage.Pressed(-1001, ChatKind.Group, 2, "Bob", yes, 3)).Single();
        var aliceAfter = ((ISessionStore)storage).Load(1, 1);
        var alicePresses = dispatcher.Handle(InboundMessage.Pressed(1, ChatKind.Private, 1, "Alice", yes, 4)).Single();

        Assert.Contains("conversation that has ended", inHerChat.Html, StringComparison.Ordinal);
        Assert.Contains("conversation that has ended", inGroup.Html, StringComparison.Ordinal);
        Assert.Empty(inHerChat.AllButtons);
        Assert.Equal(aliceBefore!.State, aliceAfter!.State);
        Assert.Equal(aliceBefore.Answers, aliceAfter.Answers);
        Assert.Null(((ISessionStore)storage).Load(1, 2));
        Assert.Contains("Recommendation: isolated", alicePresses.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void SeededBook_InPrivate_ShowsTheFiguresTheGroupChecksLookFor()
    {
        // The leak checks below search group replies for these figures; they must be what a book shows.
        using var storage = LiteDbStorage.Open(Path.Combine(_folder.FullName, "chat.db"));
        ((IBookStore)storage).Save(1, HostileInputFuzzTests.SeededBook);
        var dispatcher = new Dispatcher(storage.AsStores(), Catalog, _clock);

        var positions = dispatcher.Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", "/positions", 1)).Single().Html;

        Assert.Equal(4, HostileInputFuzzTests.SecretFigures.Count(f => positions.Contains(f, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(GroupTranscripts))]
    public void GroupReplies_EveryGroupTranscript_NeverShowAUsersBook(string file)
    {
        var steps = Transcript.Parse(File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "tests", file)));
        var users = steps.Where(s => s.Kind == StepKind.User).Select(s => s.UserId).Append(1).Distinct().ToList();
        var path = Path.Combine(_folder.FullName, "chat.db");
        var storage = LiteDbStorage.Open(path);
        foreach (var user in users)
        {
            ((IBookStore)storage).Save(user, HostileInputFuzzTests.SeededBook);
        }

        var groupReplies = new List<Reply>();
        try
        {
            // The transcript's own expectations are the transcript test's business; with seeded books the
            // private parts may answer differently, so only the messages are replayed here.
            var dispatcher = new Dispatcher(storage.AsStores(), Catalog, _clock);
            var kind = ChatKind.Private;
            long user = 1;
            long messageId = 0;
            var seen = new List<(long Chat, Button Button)>();
            foreach (var step in steps)
            {
                var chat = kind == ChatKind.Group ? TranscriptRunner.GroupChatId : user;
                IReadOnlyList<Reply> replies = [];
                switch (step.Kind)
                {
                    case StepKind.Send:
                        replies = dispatcher.Handle(InboundMessage.Typed(chat, kind, user, "Alice", step.Text, ++messageId));
                        break;
                    case StepKind.Press when seen.LastOrDefault(b => b.Chat == chat && string.Equals(b.Button.Label, step.Text, StringComparison.OrdinalIgnoreCase)) is { Button: { } button }:
                        replies = dispatcher.Handle(InboundMessage.Pressed(chat, kind, user, "Alice", button.Data, ++messageId));
                        break;
                    case StepKind.Chat:
                        kind = step.Text == "group" ? ChatKind.Group : ChatKind.Private;
                        break;
                    case StepKind.User:
                        user = step.UserId;
                        break;
                    case StepKind.Wait:
                        _clock.Advance(step.Wait);
                        break;
                    case StepKind.Restart:
                        storage.Dispose();
                        storage = LiteDbStorage.Open(path);
                        dispatcher = new Dispatcher(storage.AsStores(), Catalog, _clock);
                        break;
                }

                seen.AddRange(replies.SelectMany(r => r.AllButtons.Select(b => (chat, b))));
                if (kind == ChatKind.Group)
                {
                    groupReplies.AddRange(replies);
                }
            }
        }
        finally
        {
            storage.Dispose();
        }

        Assert.NotEmpty(groupReplies);
        foreach (var reply in groupReplies)
        {
            var leaked = HostileInputFuzzTests.SecretFigures.FirstOrDefault(f => reply.Html.Contains(f, StringComparison.Ordinal));
            Assert.True(leaked is null, $"{file}: a group reply shows {leaked} from a user's book:\n{reply.Html}");
            Assert.Empty(TelegramRules.Problems(reply));
        }
    }
}
