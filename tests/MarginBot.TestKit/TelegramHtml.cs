using System.Text;

namespace MarginBot.TestKit;

/// <summary>
/// A strict reading of Telegram's HTML parse mode (https://core.telegram.org/bots/api#html-style): the
/// documented tags only (b, strong, i, em, u, ins, s, strike, del, span class="tg-spoiler",
/// tg-spoiler, a href, tg-emoji emoji-id, code, pre, pre > code class, blockquote [expandable]),
/// balanced, no tags inside code or pre, no link inside a link, the four named entities and numeric
/// ones, at most 4,096 characters after entity parsing. Stricter than Telegram where the docs are
/// vague, so a text that passes here is never a 400 "can't parse entities". The one checker the
/// replies' tests and the fake Bot API share.
/// </summary>
public static class TelegramHtml
{
    /// <summary>Message text after entity parsing, in UTF-16 code units (Telegram counts entities in them).</summary>
    public const int MaxTextLength = 4096;

    private static readonly HashSet<string> AllowedTags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"];

    /// <summary>Every problem of a Telegram HTML text.</summary>
    public static IReadOnlyList<string> Problems(string html)
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
            "span" => attributes == "class=\"tg-spoiler\"",
            "tg-emoji" => IsQuotedAttribute(attributes, "emoji-id"),
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

    private static string Around(string html, int i) =>
        "…" + html[Math.Max(0, i - 30)..Math.Min(html.Length, i + 30)].Replace("\n", "⏎", StringComparison.Ordinal) + "…";
}
