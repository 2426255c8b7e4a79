using System.Text.Json;
using MarginBot.Conversations.Charts;
using MarginBot.Conversations.Chat;

namespace MarginBot.Storage;

/// <summary>An <see cref="OutgoingReply"/> as the journal keeps it: JSON, with a schema version.</summary>
internal sealed record OutgoingJson(int Schema, string? Html, bool EditPrevious, IReadOnlyList<IReadOnlyList<string[]>>? Buttons, ChartSpec? Chart, int? EditMessageId)
{
    public static string Write(OutgoingReply item) => JsonSerializer.Serialize(item.Reply is not { } r
        ? new OutgoingJson(1, null, false, null, null, item.EditMessageId)
        : new OutgoingJson(1, r.Html, r.EditPrevious, [.. r.Buttons.Select(row => (IReadOnlyList<string[]>)[.. row.Select(b => new[] { b.Label, b.Data })])], r.Chart, item.EditMessageId));

    public static OutgoingReply Read(string json)
    {
        var stored = JsonSerializer.Deserialize<OutgoingJson>(json) ?? throw new InvalidOperationException("an empty reply was kept");
        if (stored.Html is null)
        {
            return new OutgoingReply(null, stored.EditMessageId);
        }

        var rows = (stored.Buttons ?? []).Select(row => (IReadOnlyList<Button>)[.. row.Select(b => new Button(b[0], b[1]))]).ToArray();
        var reply = stored.EditPrevious ? Reply.Edit(stored.Html, rows) : Reply.Send(stored.Html, rows);
        return new OutgoingReply(stored.Chart is { } chart ? reply.WithChart(chart) : reply, stored.EditMessageId);
    }
}
