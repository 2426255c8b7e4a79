using System.Text;
using MarginBot.Conversations.Chat;

namespace MarginBot.Conversations.Tests.Reliability;

/// <summary>
/// A strict reading of what the Bot API accepts for a message sent with parse mode HTML
/// (https://core.telegram.org/bots/api#html-style and #inlinekeyboardmarkup): stricter than Telegram
/// where the docs are vague, so a reply that passes here is never a 400 "can't parse entities".
/// </summary>
internal static class TelegramRules
{
    /// <summary>Message text after entity parsing, in UTF-16 code units (Telegram counts entities in them).</summary>
    public const int MaxTextLength = 4096;

    /// <summary>Callback data, in UTF-8 bytes.</summary>
    public const int MaxCallbackBytes = 64;

    /// <summary>Buttons in one inline keyboard.</summary>
    public const int MaxButtons = 100;

    private static readonly HashSet<string> AllowedTags = ["b", "i", "u", "s", "a", "code", "pre", "blockquote", "tg-spoiler"];

    /// <summary>Everything wrong with <paramref name="reply"/>; empty when Telegram would accept it.</summary>
    public static IReadOnlyList<string> Problems(Reply reply)
    {
        var problems = new List<string>(HtmlProblems(reply.Html));
        var buttons = reply.AllButtons.ToList();
        if (buttons.Count > MaxButtons)
        {
            problems.Add($"{buttons.Count} buttons, more than {MaxButtons}");
        }

        foreach (var button in buttons)
        {
            var bytes = Utf8Bytes(button.Data);
            if (bytes is null or 0 or > MaxCallbackBytes)
            {
                problems.Add($"button '{button.Label}' has callback data of {bytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "invalid UTF-16"} bytes: '{button.Data}'");
            }

            if (Utf8Bytes(button.Label) is null || button.Label.Trim().Length == 0)
            {
                problems.Add($"button label '{button.Label}' is empty or not valid Unicode");
            }
        }

        return problems;
    }

    /// <summary>Every problem of a Telegram HTML text.</summary>
    public static IReadOnlyList<string> HtmlProblems(string html)
    {
        var problems = new List<string>();
        var open = new Stack<string>();
        var plain = new StringBuilder();
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (char.IsHighSurrogate(c) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]))
            {
                plain.Append(c).Append(html[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                problems.Add($"a lone surrogate at {i}: not valid UTF-8 once sent");
            }
            else if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    problems.Add($"an unescaped '<' at {i}");
                    continue;
                }

                if (TagProblem(html[(i + 1)..end], open) is { } problem)
                {
                    problems.Add($"{problem} at {i}: {Around(html, i)}");
                }

                i = end;
            }
            else if (c == '&')
            {
                var entity = EntityLength(html, i);
                if (entity == 0)
                {
                    problems.Add($"an unescaped '&' at {i}: {Around(html, i)}");
                }
                else
                {
                    plain.Append('x');
                    i += entity - 1;
                }
            }
            else if (c == '>')
            {
                problems.Add($"an unescaped '>' at {i}: {Around(html, i)}");
            }
            else if (c == '\0')
            {
                problems.Add($"a NUL character at {i}");
            }
            else
            {
                plain.Append(c);
            }
        }

        if (open.Count > 0)
        {
            problems.Add("tags left open: " + string.Join(", ", open));
        }

        if (plain.Length > MaxTextLength)
        {
            problems.Add($"{plain.Length} characters after entity parsing, more than {MaxTextLength}");
        }

        if (plain.ToString().Trim().Length == 0)
        {
            problems.Add("an empty message (Telegram answers 400 'message text is empty')");
        }

        return problems;
    }

    private static string? TagProblem(string tag, Stack<string> open)
    {
        if (tag.StartsWith('/'))
        {
            var closing = tag[1..];
            if (!AllowedTags.Contains(closing))
            {
                return $"a closing tag </{closing}> Telegram does not know";
            }

            if (open.Count == 0 || open.Peek() != closing)
            {
                return $"</{closing}> closes {(open.Count == 0 ? "nothing" : "<" + open.Peek() + ">")}";
            }

            open.Pop();
            return null;
        }

        var space = tag.IndexOfAny([' ', '\n', '\t']);
        var name = space < 0 ? tag : tag[..space];
        var attributes = space < 0 ? string.Empty : tag[(space + 1)..].Trim();
        if (!AllowedTags.Contains(name))
        {
            return $"a tag <{name}> Telegram does not allow";
        }

        if (open.Contains("code") || (open.Contains("pre") && !(name == "code" && open.Peek() == "pre")))
        {
            return $"<{name}> inside <code> or <pre>, which hold plain text only";
        }

        if (name == "a" && open.Contains("a"))
        {
            return "a link inside a link";
        }

        var attributesOk = name switch
        {
            "a" => IsQuotedAttribute(attributes, "href"),
            "code" => attributes.Length == 0 || (open.Count > 0 && open.Peek() == "pre" && IsQuotedAttribute(attributes, "class")),
            "blockquote" => attributes.Length == 0 || attributes == "expandable",
            _ => attributes.Length == 0,
        };
        if (!attributesOk)
        {
            return $"<{name}> with attributes '{attributes}'";
        }

        open.Push(name);
        return null;
    }

    private static bool IsQuotedAttribute(string attributes, string name) =>
        attributes.StartsWith(name + "=\"", StringComparison.Ordinal)
        && attributes.EndsWith('"')
        && attributes.Length > name.Length + 3
        && attributes[(name.Length + 2)..^1].IndexOfAny(['"', '<', '>']) < 0;

    // The four named entities Telegram supports and numeric ones; 0 when none starts at i.
    private static int EntityLength(string html, int i)
    {
        foreach (var named in (string[])["&lt;", "&gt;", "&amp;", "&quot;"])
        {
            if (string.CompareOrdinal(html, i, named, 0, named.Length) == 0)
            {
                return named.Length;
            }
        }

        var semicolon = html.IndexOf(';', i);
        if (semicolon < 0 || semicolon - i > 10 || i + 2 >= html.Length || html[i + 1] != '#')
        {
            return 0;
        }

        var digits = html[(i + 2)..semicolon];
        var ok = digits.StartsWith('x')
            ? digits.Length > 1 && digits[1..].All(char.IsAsciiHexDigit)
            : digits.Length > 0 && digits.All(char.IsAsciiDigit);
        return ok ? semicolon - i + 1 : 0;
    }

    private static int? Utf8Bytes(string text)
    {
        try
        {
            return new UTF8Encoding(false, true).GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
    }

    private static string Around(string html, int i) =>
        "…" + html[Math.Max(0, i - 30)..Math.Min(html.Length, i + 30)].Replace("\n", "⏎", StringComparison.Ordinal) + "…";
}
