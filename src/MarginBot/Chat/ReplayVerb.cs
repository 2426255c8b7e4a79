using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Transcripts;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;

namespace MarginBot.Chat;

/// <summary>
/// <c>replay FILE.chat [...]</c>: replays transcripts against the real dispatcher and a LiteDB file in
/// a temporary folder, on a clock that only moves with <c>!wait</c>. Exit codes: 0 every expectation
/// held, 1 a mismatch (printed with the bot's actual message), 2 a file that cannot be read.
/// </summary>
internal static class ReplayVerb
{
    public static int Run(IReadOnlyList<string> files, TextWriter output, TextWriter error)
    {
        if (files.Count == 0)
        {
            error.WriteLine("error: replay: expected one or more transcript files, such as tests/MarginBot.Conversations.Tests/Transcripts/liq.chat");
            return 2;
        }

        var catalog = TierCatalog.LoadBundled();
        foreach (var file in files)
        {
            IReadOnlyList<TranscriptStep> steps;
            try
            {
                steps = Transcript.Parse(File.ReadAllLines(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                error.WriteLine($"error: {file}: {e.Message}");
                return 2;
            }

            var result = Replay(file, steps, catalog);
            if (!result.Passed)
            {
                error.WriteLine("FAIL " + result.Failure);
                return 1;
            }

            output.WriteLine("ok   " + file);
        }

        return 0;
    }

    public static TranscriptResult Replay(string name, IReadOnlyList<TranscriptStep> steps, TierCatalog catalog)
    {
        var folder = Directory.CreateTempSubdirectory("marginbot-replay-");
        try
        {
            var clock = new TranscriptClock(new DateTimeOffset(2026, 1, 16, 9, 0, 0, TimeSpan.Zero));
            var path = Path.Combine(folder.FullName, "replay.db");
            var runner = new TranscriptRunner(
                () =>
                {
                    var storage = LiteDbStorage.Open(path);
                    return (new Dispatcher(storage.AsStores(), catalog, clock), storage);
                },
                clock.Advance);
            return runner.Run(name, steps);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A clock that stands still until told to move.</summary>
    private sealed class TranscriptClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
