using MarginBot.TestKit;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Transcripts;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Conversations.Tests;

/// <summary>Replays every tests/**/*.chat against the real dispatcher, engine and a LiteDB file in a temp folder.</summary>
public sealed class TranscriptTests
{
    private static readonly TierCatalog Catalog = TierCatalog.LoadBundled();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var tests = Path.Combine(RepositoryRoot.Path, "tests");
        foreach (var file in Directory.EnumerateFiles(tests, "*.chat", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(tests, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Transcript_Replayed_EveryExpectationHolds(string file)
    {
        var steps = Transcript.Parse(File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "tests", file)));
        var result = Replay(file, steps);
        Assert.True(result.Passed, result.Failure);
    }

    [Fact]
    public void TranscriptFiles_Found_AtLeastForty()
    {
        Assert.True(Files().Count >= 40, $"found {Files().Count} transcripts");
    }

    [Fact]
    public void Transcript_WrongExpectation_FailsWithTheBotsMessage()
    {
        var steps = Transcript.Parse(["> /glossary funding", "< something the bot never says"]);
        var result = Replay("inline", steps);
        Assert.False(result.Passed);
        Assert.Contains("Funding rate", result.Failure, StringComparison.Ordinal);
        Assert.Contains("inline:2", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Transcript_UnreadableLine_Throws()
    {
        Assert.Throws<FormatException>(() => Transcript.Parse(["hello bot"]));
    }

    internal static TranscriptResult Replay(string name, IReadOnlyList<TranscriptStep> steps)
    {
        var folder = Directory.CreateTempSubdirectory("marginbot-tests-");
        try
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 16, 9, 0, 0, TimeSpan.Zero));
            var path = Path.Combine(folder.FullName, "chat.db");
            var runner = new TranscriptRunner(
                () =>
                {
                    var storage = LiteDbStorage.Open(path);
                    return (new Dispatcher(storage.AsStores(), Catalog, clock), storage);
                },
                clock.Advance);
            return runner.Run(name, steps);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
