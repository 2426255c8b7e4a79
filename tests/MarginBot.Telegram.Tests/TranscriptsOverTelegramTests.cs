using System.Text.RegularExpressions;
using MarginBot.Conversations.Text;
using MarginBot.Conversations.Transcripts;

namespace MarginBot.Telegram.Tests;

/// <summary>
/// The conversation transcripts (tests/**/*.chat, the same files and format) played by simulated
/// Telegram users through the fake server and the real host: every expectation must hold on what
/// Telegram would show. Transcripts that move the clock (!wait) stay with the in-process runner:
/// the bot here reads the real clock.
/// </summary>
public sealed class TranscriptsOverTelegramTests
{
    public static TheoryData<string> Files()
    {
        var tests = Path.Combine(global::MarginBot.TestKit.RepositoryRoot.Path, "tests");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(tests, "*.chat", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Where(f => !File.ReadLines(f).Any(l => l.TrimStart().StartsWith("!wait", StringComparison.Ordinal)))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(tests, file));
        }

        return data;
    }

    [Fact]
    public void TranscriptFiles_Found_AtLeastThirty()
    {
        Assert.True(Files().Count >= 30, $"found {Files().Count} transcripts");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Transcript_OverTelegram_EveryExpectationHolds(string file)
    {
        var steps = Transcript.Parse(File.ReadAllLines(Path.Combine(global::MarginBot.TestKit.RepositoryRoot.Path, "tests", file)));
        await using var s = await Scenario.StartAsync(settings: o =>
        {
            o["MarginBot:Telegram:Limits:ChatPeriod"] = "00:00:00.005";
            o["MarginBot:Telegram:Limits:GroupMessages"] = "1000";
        });
        var group = false;
        long userId = 1;
        var userName = "Alice";
        var pending = new Queue<string>();
        string? current = null;
        string? lastAction = null;
        foreach (var step in steps)
        {
            var chatId = group ? TranscriptRunner.GroupChatId : userId;
            var where = $"{file}:{step.Line}";
            switch (step.Kind)
            {
                case StepKind.Send:
                    lastAction = "> " + step.Text;
                    var before = s.Api.Calls.Count;
                    await s.SayAsync(chatId, userId, step.Text, userName);
                    Deliver(before, chatId);
                    break;
                case StepKind.Press:
                    lastAction = "[" + step.Text + "]";
                    var button = s.Api.ButtonEverShown(chatId, step.Text);
                    Assert.True(button is not null, $"{where}: no bot message in this chat has a button labelled '{step.Text}'");
                    var beforePress = s.Api.Calls.Count;
                    var update = s.Api.UserPresses(chatId, userId, button.Value.MessageId, button.Value.Data, userName);
                    await s.Bot.SettledAsync(s.Api, update);
                    Deliver(beforePress, chatId);
                    break;
                case StepKind.Expect or StepKind.ExpectRegex or StepKind.ExpectSame or StepKind.ExpectSameRegex:
                    var same = step.Kind is StepKind.ExpectSame or StepKind.ExpectSameRegex;
                    current = same ? current : pending.TryDequeue(out var next) ? next : null;
                    Assert.True(current is not null, $"{where}: expected a bot message '{step.Text}' after '{lastAction}', but Telegram shows nothing more");
                    var holds = step.Kind is StepKind.Expect or StepKind.ExpectSame
                        ? current.Contains(step.Text, StringComparison.OrdinalIgnoreCase)
                        : Regex.IsMatch(current, step.Text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    Assert.True(holds, $"{where}: expected '{step.Text}' after '{lastAction}'; Telegram shows:\n{current}");
                    break;
                case StepKind.ExpectNone:
                    Assert.True(pending.Count == 0, $"{where}: expected nothing more after '{lastAction}'; Telegram shows:\n{(pending.Count > 0 ? pending.Peek() : string.Empty)}");
                    break;
                case StepKind.Chat:
                    group = step.Text == "group";
                    break;
                case StepKind.User:
                    userId = step.UserId;
                    userName = step.Text;
                    break;
                case StepKind.Restart:
                    await s.RestartAsync();
                    pending.Clear();
                    current = null;
                    break;
            }
        }

        Assert.All(s.Api.Calls.Where(c => c.IsSend), c => Assert.True(c.Ok, $"{c.Method} refused: {c.Status} {c.Text}"));

        // What this chat's last action made Telegram show: new messages and edits, in order.
        void Deliver(int before, long chatId)
        {
            pending.Clear();
            current = null;
            var calls = s.Api.Calls.Skip(before).Where(c => c.ChatId == chatId && (c.IsSend || c.IsEdit)).ToList();
            for (var i = 0; i < calls.Count; i++)
            {
                var c = calls[i];

                // An edit Telegram refused as "not modified" still shows the text; one refused as "not found" is sent anew next.
                if (c.Ok || (c.IsEdit && !calls.Skip(i + 1).Any(n => n.IsSend && n.Text == c.Text)))
                {
                    pending.Enqueue(Html.ToPlain(c.Text ?? string.Empty));
                }
            }
        }
    }
}
