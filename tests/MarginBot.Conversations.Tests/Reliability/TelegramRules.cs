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
    public const int MaxTextLength = MarginBot.TestKit.TelegramHtml.MaxTextLength;

    /// <summary>Callback data, in UTF-8 bytes.</summary>
    public const int MaxCallbackBytes = 64;

    /// <summary>Buttons in one inline keyboard.</summary>
    public const int MaxButtons = 100;

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

    /// <summary>Every problem of a Telegram HTML text (the test kit's one checker).</summary>
    public static IReadOnlyList<string> HtmlProblems(string html) => MarginBot.TestKit.TelegramHtml.Problems(html);

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
}
