using System.Text.RegularExpressions;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Text;

namespace MarginBot.Conversations.Transcripts;

/// <summary>The outcome of replaying one transcript.</summary>
/// <param name="Passed">True when every expectation held.</param>
/// <param name="Failure">The first mismatch with the bot's actual message, or <c>null</c>.</param>
public sealed record TranscriptResult(bool Passed, string? Failure);

/// <summary>
/// Replays a transcript against a real dispatcher. <c>open</c> opens the storage and a dispatcher
/// over it (called again after <c>!restart</c>, once the previous storage is disposed);
/// <c>advance</c> moves the clock the dispatcher reads.
/// </summary>
public sealed class TranscriptRunner(Func<(Dispatcher Dispatcher, IDisposable Storage)> open, Action<TimeSpan> advance)
{
    /// <summary>The group every <c>@group</c> line talks in.</summary>
    public const long GroupChatId = -1001;

    /// <summary>Replays <paramref name="steps"/>; <paramref name="name"/> prefixes the failure.</summary>
    public TranscriptResult Run(string name, IReadOnlyList<TranscriptStep> steps)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(advance);
        ArgumentNullException.ThrowIfNull(steps);
        var (dispatcher, storage) = open();
        try
        {
            var kind = ChatKind.Private;
            long userId = 1;
            var userName = "Alice";
            long messageId = 0;
            var history = new List<(long Chat, Reply Reply)>();
            var pending = new Queue<Reply>();
            Reply? current = null;
            string? lastAction = null;
            foreach (var step in steps)
            {
                var chatId = kind == ChatKind.Group ? GroupChatId : userId;
                string? failure = null;
                switch (step.Kind)
                {
                    case StepKind.Send:
                        lastAction = "> " + step.Text;
                        Deliver(dispatcher.Handle(InboundMessage.Typed(chatId, kind, userId, userName, step.Text, ++messageId)));
                        break;
                    case StepKind.Press:
                        lastAction = "[" + step.Text + "]";
                        var button = history.Where(h => h.Chat == chatId).Reverse()
                            .SelectMany(h => h.Reply.AllButtons)
                            .FirstOrDefault(b => string.Equals(b.Label, step.Text, StringComparison.OrdinalIgnoreCase));
                        if (button is null)
                        {
                            failure = $"no bot message in this chat has a button labelled '{step.Text}'";
                            break;
                        }

                        Deliver(dispatcher.Handle(InboundMessage.Pressed(chatId, kind, userId, userName, button.Data, ++messageId)));
                        break;
                    case StepKind.Expect or StepKind.ExpectRegex or StepKind.ExpectSame or StepKind.ExpectSameRegex:
                        var same = step.Kind is StepKind.ExpectSame or StepKind.ExpectSameRegex;
                        var reply = same ? current : pending.TryDequeue(out var next) ? next : null;
                        current = reply;
                        if (reply is null)
                        {
                            failure = same
                                ? "'<+' needs a bot message checked by a '<' line before it"
                                : $"expected a bot message {Describe(step)} after '{lastAction}', but the bot said nothing more";
                            break;
                        }

                        var plain = Html.ToPlain(reply.Html);
                        var holds = step.Kind is StepKind.Expect or StepKind.ExpectSame
                            ? plain.Contains(step.Text, StringComparison.OrdinalIgnoreCase)
                            : Regex.IsMatch(plain, step.Text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                        if (!holds)
                        {
                            failure = $"expected the bot message {Describe(step)} after '{lastAction}'; the bot said:\n{Indent(plain)}{ButtonsOf(reply)}";
                        }

                        break;
                    case StepKind.ExpectNone:
                        if (pending.TryDequeue(out var extra))
                        {
                            failure = $"expected no further bot message after '{lastAction}'; the bot said:\n{Indent(Html.ToPlain(extra.Html))}";
                        }

                        break;
                    case StepKind.Chat:
                        kind = step.Text == "group" ? ChatKind.Group : ChatKind.Private;
                        break;
                    case StepKind.User:
                        userId = step.UserId;
                        userName = step.Text;
                        break;
                    case StepKind.Restart:
                        storage.Dispose();
                        (dispatcher, storage) = open();
                        pending.Clear();
                        current = null;
                        break;
                    case StepKind.Wait:
                        advance(step.Wait);
                        break;
                }

                if (failure is not null)
                {
                    return new TranscriptResult(false, $"{name}:{step.Line}: {failure}");
                }

                void Deliver(IReadOnlyList<Reply> replies)
                {
                    pending.Clear();
                    current = null;
                    foreach (var r in replies)
                    {
                        pending.Enqueue(r);
                        history.Add((chatId, r));
                    }
                }
            }

            return new TranscriptResult(true, null);
        }
        finally
        {
            storage.Dispose();
        }
    }

    private static string Describe(TranscriptStep step) =>
        step.Kind is StepKind.Expect or StepKind.ExpectSame ? $"containing '{step.Text}'" : $"matching /{step.Text}/";

    private static string Indent(string text) => "    " + text.Replace("\n", "\n    ", StringComparison.Ordinal);

    private static string ButtonsOf(Reply reply) =>
        reply.Buttons.Count == 0 ? string.Empty : "\n    buttons: " + string.Join(" | ", reply.AllButtons.Select(b => "[" + b.Label + "]"));
}
