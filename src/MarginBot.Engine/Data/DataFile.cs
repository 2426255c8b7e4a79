namespace MarginBot.Engine.Data;

/// <summary>
/// MarginBot's data-file layout, shared by the tier tables and the daily-move table: <c>#</c> lines
/// with <c>key: value</c> pairs (source, date, basis), one column line, then comma-separated rows.
/// </summary>
/// <param name="Header">The <c>key: value</c> pairs of the <c>#</c> lines.</param>
/// <param name="Rows">Each row's line number (for error messages) and cells.</param>
internal sealed record DataFile(IReadOnlyDictionary<string, string> Header, IReadOnlyList<(int Line, string[] Cells)> Rows)
{
    /// <summary>Reads <paramref name="text"/>; the column line must start with <paramref name="columns"/>.</summary>
    /// <exception cref="FormatException">No column line before the first row; the message names the line.</exception>
    public static DataFile Parse(string text, string columns, int maxCells)
    {
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<(int, string[])>();
        var sawColumns = false;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    header[line[1..colon].Trim()] = line[(colon + 1)..].Trim();
                }

                continue;
            }

            if (!sawColumns)
            {
                sawColumns = line.StartsWith(columns, StringComparison.Ordinal)
                    ? true
                    : throw new FormatException($"line {lineNumber}: expected the column line '{columns}'.");
                continue;
            }

            rows.Add((lineNumber, line.Split(',', maxCells)));
        }

        return new DataFile(header, rows);
    }
}
