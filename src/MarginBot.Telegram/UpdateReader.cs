using System.Text;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace MarginBot.Telegram;

/// <summary>
/// An update as it arrived: <see cref="Update"/> when it could be read and has the fields Telegram
/// always sends for its kind; otherwise poison, with whatever could be read of it (its id, its kind,
/// the start of its user text) for the one log line that reports it.
/// </summary>
/// <param name="Id">The update id, when it could be read; a poison update without one cannot be confirmed by itself.</param>
/// <param name="Kind">The update's kind as Telegram names it (<c>message</c>, <c>callback_query</c>, …), or <c>unknown</c>.</param>
/// <param name="Update">The update; null for poison.</param>
/// <param name="Problem">Why it is poison; null when it is readable.</param>
/// <param name="Text">The start of its user text (message text, query, button data), cut short and on one line; for logs only.</param>
internal sealed record IncomingUpdate(int? Id, string Kind, Update? Update, string? Problem, string? Text)
{
    public bool IsPoison => Update is null;
}

/// <summary>
/// Reads Telegram's update JSON one update at a time, so that one update the library cannot read
/// (a lone surrogate in a name, a date that is not a number, nesting deeper than the library allows,
/// a kind's required field missing) is poison on its own and never costs the other updates of its
/// batch.
/// </summary>
internal static class UpdateReader
{
    /// <summary>How deep the whole answer may nest; each update is then held to the library's own limit.</summary>
    public const int MaxAnswerDepth = 100_000;

    /// <summary>How much user text a poison log line repeats.</summary>
    public const int LoggedTextLength = 40;

    private static readonly string[] TextFields = ["text", "caption", "query", "data"];

    public static JsonDocumentOptions DocumentOptions => new() { MaxDepth = MaxAnswerDepth };

    /// <summary>Each element of getUpdates' <c>result</c> array, read alone.</summary>
    public static IReadOnlyList<IncomingUpdate> ReadAll(JsonElement result) =>
        result.ValueKind == JsonValueKind.Array ? [.. result.EnumerateArray().Select(Read)] : [];

    /// <summary>One update (a getUpdates element or a webhook body); never throws.</summary>
    public static IncomingUpdate Read(JsonElement element)
    {
        var id = element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("update_id", out var idElement)
            && idElement.ValueKind == JsonValueKind.Number
            && idElement.TryGetInt32(out var value) ? value : (int?)null;
        var kind = KindOf(element);
        var text = TextOf(element, kind);
        Update? update;
        try
        {
            update = element.Deserialize<Update>(JsonBotAPI.Options);
        }
#pragma warning disable CA1031 // Whatever the library throws for one update's JSON makes that update poison, nothing more.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new IncomingUpdate(id, kind, null, "unreadable: " + OneLine(e.Message, 200), text);
        }

        if (update is null)
        {
            return new IncomingUpdate(id, kind, null, "not an update", text);
        }

        return MissingField(update) is { } missing
            ? new IncomingUpdate(id, kind, null, "without " + missing, text)
            : new IncomingUpdate(update.Id, kind, update, null, text);
    }

    /// <summary>An update's kind and the start of its user text, for a log line.</summary>
    public static (string Kind, string Text) Describe(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var text = update.Message?.Text ?? update.CallbackQuery?.Data ?? update.InlineQuery?.Query ?? string.Empty;
        return (update.Type.ToString(), OneLine(text, LoggedTextLength));
    }

    /// <summary>An exception as one short line: its type and message, never its stack trace.</summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return OneLine(exception.GetType().Name + ": " + exception.Message, 300);
    }

    /// <summary>The field Telegram always sends for this kind of update and this one lacks; null when none is missing.</summary>
    private static string? MissingField(Update update)
    {
        // The library's types say these are never null; a hostile or broken sender can still leave them out.
        return update switch
        {
            { Message: { } m } when m.Chat is null => "message.chat",
            { CallbackQuery: { } q } when q.From is null => "callback_query.from",
            { CallbackQuery: { } q } when q.Message is { } pressed && pressed.Chat is null => "callback_query.message.chat",
            { InlineQuery: { } q } when q.From is null => "inline_query.from",
            { InlineQuery: { } q } when q.Query is null => "inline_query.query",
            { MyChatMember: { } c } when c.Chat is null => "my_chat_member.chat",
            { MyChatMember: { } c } when c.From is null => "my_chat_member.from",
            { MyChatMember: { } c } when c.NewChatMember is null || c.OldChatMember is null => "my_chat_member.new_chat_member or old_chat_member",
            _ => null,
        };
    }

    private static string KindOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return "unknown";
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "update_id")
            {
                return OneLine(property.Name, 32);
            }
        }

        return "unknown";
    }

    private static string? TextOf(JsonElement element, string kind)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(kind, out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var field in TextFields)
        {
            if (payload.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
            {
                try
                {
                    return OneLine(value.GetString() ?? string.Empty, LoggedTextLength);
                }
                catch (InvalidOperationException)
                {
                    // A lone surrogate: the raw text, still escaped, is as much as a log may show.
                    return OneLine(value.GetRawText(), LoggedTextLength);
                }
            }
        }

        return null;
    }

    /// <summary>At most <paramref name="max"/> characters on one line: control characters (a forged log line) and lone surrogates become '?'.</summary>
    private static string OneLine(string text, int max)
    {
        var cut = new StringBuilder(Math.Min(text.Length, max + 1));
        var i = 0;
        for (; i < text.Length && cut.Length < max; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cut.Append(c).Append(text[++i]);
            }
            else
            {
                cut.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
            }
        }

        return i < text.Length ? cut.Append('…').ToString() : cut.ToString();
    }
}
