using System.Text.RegularExpressions;

namespace MarginBot.Conversations.Text;

/// <summary>Telegram HTML: escaping user text, and plain text for consoles and transcripts.</summary>
public static partial class Html
{
    /// <summary>Escapes the four characters Telegram HTML cares about.</summary>
    public static string Escape(string? text) =>
        (text ?? string.Empty)
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>The text a reader sees: tags removed, entities decoded.</summary>
    public static string ToPlain(string html) =>
        Tags().Replace(html ?? string.Empty, string.Empty)
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&quot;", "\"", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);

    [GeneratedRegex("<[^>]+>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tags();
}
