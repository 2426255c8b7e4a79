using System.Globalization;
using System.Text.RegularExpressions;

namespace MarginBot.Conversations.Transcripts;

/// <summary>What one transcript line does. Format: docs/transcripts.md.</summary>
public enum StepKind
{
    /// <summary><c>&gt; TEXT</c>: the user sends TEXT.</summary>
    Send,

    /// <summary><c>[LABEL]</c>: the user presses the button labelled LABEL on the latest bot message that has it.</summary>
    Press,

    /// <summary><c>&lt; TEXT</c>: the next bot message contains TEXT (case-insensitive, tags stripped).</summary>
    Expect,

    /// <summary><c>&lt; /REGEX/</c>: the next bot message matches REGEX.</summary>
    ExpectRegex,

    /// <summary><c>&lt;+ TEXT</c>: the message the previous expectation checked also contains TEXT.</summary>
    ExpectSame,

    /// <summary><c>&lt;+ /REGEX/</c>: the message the previous expectation checked also matches REGEX.</summary>
    ExpectSameRegex,

    /// <summary><c>&lt;none</c>: no further bot message for the last action.</summary>
    ExpectNone,

    /// <summary><c>@private</c>, <c>@group</c>: switch the chat kind.</summary>
    Chat,

    /// <summary><c>@user ID NAME</c>: switch the user.</summary>
    User,

    /// <summary><c>!restart</c>: reopen the database; nothing in memory survives.</summary>
    Restart,

    /// <summary><c>!wait 31m</c>: move the clock.</summary>
    Wait,
}

/// <summary>One line of a transcript.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Text">The text, label, pattern, chat kind or user name.</param>
/// <param name="UserId">For <see cref="StepKind.User"/>.</param>
/// <param name="Wait">For <see cref="StepKind.Wait"/>.</param>
public sealed record TranscriptStep(int Line, StepKind Kind, string Text, long UserId = 0, TimeSpan Wait = default);

/// <summary>A parsed transcript file.</summary>
public static class Transcript
{
    /// <summary>Parses the lines; a line it cannot read raises a <see cref="FormatException"/> naming it.</summary>
    public static IReadOnlyList<TranscriptStep> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var steps = new List<TranscriptStep>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            steps.Add(ParseLine(number, trimmed));
        }

        return steps;
    }

    private static TranscriptStep ParseLine(int number, string line)
    {
        if (line.StartsWith("> ", StringComparison.Ordinal) || line == ">")
        {
            return new(number, StepKind.Send, line.Length > 2 ? line[2..] : string.Empty);
        }

        if (line.StartsWith('[') && line.EndsWith(']') && line.Length > 2)
        {
            return new(number, StepKind.Press, line[1..^1]);
        }

        if (line == "<none")
        {
            return new(number, StepKind.ExpectNone, string.Empty);
        }

        var same = line.StartsWith("<+ ", StringComparison.Ordinal);
        if (same || line.StartsWith("< ", StringComparison.Ordinal))
        {
            var text = line[(same ? 3 : 2)..].Trim();
            if (text.Length > 2 && text.StartsWith('/') && text.EndsWith('/'))
            {
                var pattern = text[1..^1];
                try
                {
                    _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    throw new FormatException($"line {number}: the pattern /{pattern}/ is not a valid regular expression: {e.Message}", e);
                }

                return new(number, same ? StepKind.ExpectSameRegex : StepKind.ExpectRegex, pattern);
            }

            return new(number, same ? StepKind.ExpectSame : StepKind.Expect, text);
        }

        if (line is "@private" or "@group")
        {
            return new(number, StepKind.Chat, line[1..]);
        }

        if (line.StartsWith("@user ", StringComparison.Ordinal))
        {
            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                return new(number, StepKind.User, parts[2], id);
            }
        }

        if (line == "!restart")
        {
            return new(number, StepKind.Restart, string.Empty);
        }

        if (line.StartsWith("!wait ", StringComparison.Ordinal) && TryDuration(line[6..].Trim(), out var wait))
        {
            return new(number, StepKind.Wait, line[6..].Trim(), Wait: wait);
        }

        throw new FormatException($"line {number}: cannot read '{line}' (see docs/transcripts.md)");
    }

    private static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text.Length < 2 || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        duration = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            _ => TimeSpan.MinValue,
        };
        return duration != TimeSpan.MinValue;
    }
}
