using System.Text;
using MarginBot.Conversations.Charts;

namespace MarginBot.Conversations.Chat;

/// <summary>An inline button: a label and the callback data it sends back (at most 64 bytes of UTF-8).</summary>
public sealed record Button
{
    /// <summary>Telegram's limit on callback data, in UTF-8 bytes.</summary>
    public const int MaxDataBytes = 64;

    /// <summary>Creates a button; the data must fit Telegram's 64 bytes.</summary>
    public Button(string label, string data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentException.ThrowIfNullOrWhiteSpace(data);
        if (Encoding.UTF8.GetByteCount(data) > MaxDataBytes)
        {
            throw new ArgumentException($"Callback data '{data}' is longer than {MaxDataBytes} bytes.", nameof(data));
        }

        Label = label;
        Data = data;
    }

    /// <summary>What the user sees.</summary>
    public string Label { get; }

    /// <summary>What comes back when it is pressed.</summary>
    public string Data { get; }
}

/// <summary>
/// One message from the bot, transport-neutral: Telegram HTML (at most 4096 characters), optional
/// rows of inline buttons, whether it replaces the previous bot message, and an optional chart.
/// </summary>
public sealed record Reply
{
    /// <summary>Telegram's limit on a message's text.</summary>
    public const int MaxLength = 4096;

    private Reply(string html, IReadOnlyList<IReadOnlyList<Button>> buttons, bool editPrevious, ChartSpec? chart)
    {
        Html = html;
        Buttons = buttons;
        EditPrevious = editPrevious;
        Chart = chart;
    }

    /// <summary>The text, Telegram HTML (b, i, code, pre, a only).</summary>
    public string Html { get; }

    /// <summary>Rows of buttons; empty for none.</summary>
    public IReadOnlyList<IReadOnlyList<Button>> Buttons { get; }

    /// <summary>True to edit the bot's previous message in place (wizard steps), false to send a new one.</summary>
    public bool EditPrevious { get; }

    /// <summary>
    /// A chart to attach, described for the adapter to draw (an <see cref="IChartRenderer"/> turns it
    /// into a PNG); <c>null</c> for none. <c>/compare</c> attaches the equity curve.
    /// </summary>
    public ChartSpec? Chart { get; }

    /// <summary>Every button, row by row.</summary>
    public IEnumerable<Button> AllButtons => Buttons.SelectMany(row => row);

    /// <summary>A new message; text beyond Telegram's limit is cut with a note.</summary>
    public static Reply Send(string html, params IReadOnlyList<Button>[] rows) => new(Fit(html), rows, false, null);

    /// <summary>An edit of the previous bot message.</summary>
    public static Reply Edit(string html, params IReadOnlyList<Button>[] rows) => new(Fit(html), rows, true, null);

    /// <summary>The same message as an edit of the previous bot message.</summary>
    public Reply AsEdit() => new(Html, Buttons, true, Chart);

    /// <summary>The same message with <paramref name="chart"/> attached.</summary>
    public Reply WithChart(ChartSpec chart) => new(Html, Buttons, EditPrevious, chart ?? throw new ArgumentNullException(nameof(chart)));

    // Cut at a line break outside any tag when possible, never inside a tag, an entity or a surrogate pair.
    private static string Fit(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return Text.Html.Truncate(html, MaxLength, "\n…");
    }
}
