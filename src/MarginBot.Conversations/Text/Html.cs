using System.Text;
using System.Text.RegularExpressions;

namespace MarginBot.Conversations.Text;

/// <summary>Telegram HTML: escaping user text, cutting long messages, and plain text for consoles and transcripts.</summary>
public static partial class Html
{
    /// <summary>
    /// Escapes the four characters Telegram HTML cares about. Characters that cannot travel as UTF-8
    /// (a lone half of a surrogate pair) become U+FFFD and NUL is dropped, so a reply never fails to send.
    /// </summary>
    public static string Escape(string? text)
    {
        var escaped = (text ?? string.Empty)
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);
        return escaped.Any(c => char.IsSurrogate(c) || c == '\0') ? Sanitize(escaped) : escaped;
    }

    /// <summary>
    /// User text to quote back, escaped and cut to <paramref name="max"/> characters with an ellipsis:
    /// a reply names what it could not use, it does not repeat a pasted essay.
    /// </summary>
    public static string Quote(string? text, int max = 48)
    {
        var t = text ?? string.Empty;
        if (t.Length > max)
        {
            var cut = char.IsHighSurrogate(t[max - 1]) ? max - 1 : max;
            t = t[..cut] + "…";
        }

        return Escape(t);
    }

    /// <summary>
    /// Cuts Telegram HTML to at most <paramref name="maxLength"/> characters ending with <paramref name="more"/>:
    /// at the last line break outside any tag when there is one, else at the last point outside a tag,
    /// an entity and a surrogate pair; tags open at the cut are closed.
    /// </summary>
    public static string Truncate(string html, int maxLength, string more)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(more);
        if (html.Length <= maxLength)
        {
            return html;
        }

        var open = new List<string>();
        var budget = maxLength - more.Length;
        (int At, string[] Open) safe = (0, []);
        (int At, string[] Open) line = (0, []);
        var i = 0;
        while (i < html.Length)
        {
            var length = TokenLength(html, i);
            var closing = open.Count * 3 + open.Sum(t => t.Length);
            if (i + closing > budget)
            {
                break;
            }

            safe = (i, [.. open]);
            if (html[i] == '\n' && open.Count == 0)
            {
                line = safe;
            }

            i += length;
            if (html[i - length] == '<')
            {
                Track(html.Substring(i - length, length), open);
            }
        }

        var (at, stillOpen) = line.At > 0 ? line : safe;
        var result = new StringBuilder(html, 0, at, maxLength);
        foreach (var tag in stillOpen.Reverse())
        {
            result.Append("</").Append(tag).Append('>');
        }

        return result.Append(more).ToString();
    }

    /// <summary>The text a reader sees: tags removed, entities decoded.</summary>
    public static string ToPlain(string html) =>
        Tags().Replace(html ?? string.Empty, string.Empty)
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&quot;", "\"", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);

    // A tag, an entity, a surrogate pair or one character: the units a cut must not split.
    private static int TokenLength(string html, int i)
    {
        var c = html[i];
        if (c == '<' && html.IndexOf('>', i) is var end and > 0)
        {
            return end - i + 1;
        }

        if (c == '&' && html.IndexOf(';', i) is var semicolon and > 0 && semicolon - i <= 10)
        {
            return semicolon - i + 1;
        }

        return char.IsHighSurrogate(c) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]) ? 2 : 1;
    }

    private static void Track(string tag, List<string> open)
    {
        if (tag.StartsWith("</", StringComparison.Ordinal))
        {
            if (open.Count > 0)
            {
                open.RemoveAt(open.Count - 1);
            }

            return;
        }

        var name = tag[1..^1];
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        open.Add(space < 0 ? name : name[..space]);
    }

    private static string Sanitize(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                clean.Append('\uFFFD');
            }
            else if (c != '\0')
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    [GeneratedRegex("<[^>]+>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tags();
}
