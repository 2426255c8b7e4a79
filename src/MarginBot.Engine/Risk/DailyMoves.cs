using System.Globalization;

using MarginBot.Engine.Data;

namespace MarginBot.Engine.Risk;

/// <summary>
/// Typical daily moves per coin (mean absolute close-to-close move, percent), from the dated,
/// sourced table bundled as <c>Data/daily-moves.csv</c>. A coin without a citable figure is absent:
/// the volatility check is skipped for it and the answer says so; no figure is ever estimated.
/// </summary>
public sealed class DailyMoves
{
    private static readonly string[] QuoteSuffixes = ["USDT", "USDC", "BUSD", "USD"];
    private readonly Dictionary<string, decimal> _byCoin;

    private DailyMoves(Dictionary<string, decimal> byCoin, string asOf, string source)
    {
        _byCoin = byCoin;
        AsOf = asOf;
        Source = source;
    }

    /// <summary>A table with no coin: every check is skipped.</summary>
    public static DailyMoves Empty { get; } = new(new Dictionary<string, decimal>(StringComparer.Ordinal), "none", "none");

    /// <summary>The table's <c>as-of</c> header.</summary>
    public string AsOf { get; }

    /// <summary>The table's <c>source</c> header.</summary>
    public string Source { get; }

    /// <summary>The coins with a figure, sorted.</summary>
    public IReadOnlyList<string> Coins => [.. _byCoin.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Reads the table embedded in the engine assembly.</summary>
    public static DailyMoves LoadBundled()
    {
        using var stream = typeof(DailyMoves).Assembly.GetManifestResourceStream("MarginBot.Engine.Data.daily-moves.csv")
            ?? throw new InvalidOperationException("The daily-moves table is not embedded in the engine assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>
    /// Parses the format of <c>Data/daily-moves.csv</c>: <c># key: value</c> header lines, the column
    /// line <c>coin,typicalDailyMovePct,basis</c>, then one row per coin.
    /// </summary>
    /// <exception cref="FormatException">The text is not in that format; the message names the line.</exception>
    public static DailyMoves Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var file = DataFile.Parse(text, "coin,typicalDailyMovePct", maxCells: 3);
        var rows = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (lineNumber, cells) in file.Rows)
        {
            if (cells.Length < 2 || !decimal.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) || pct <= 0)
            {
                throw new FormatException($"line {lineNumber}: expected coin,positive percent,basis.");
            }

            rows[cells[0].Trim()] = pct;
        }

        return new DailyMoves(rows, file.Header.GetValueOrDefault("as-of") ?? "undated", file.Header.GetValueOrDefault("source") ?? "unknown");
    }

    /// <summary>The typical daily move of <paramref name="symbol"/>'s coin in percent, or <c>null</c> when the table has none.</summary>
    public decimal? For(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        foreach (var suffix in QuoteSuffixes)
        {
            if (symbol.EndsWith(suffix, StringComparison.Ordinal) && _byCoin.TryGetValue(symbol[..^suffix.Length], out var pct))
            {
                return pct;
            }
        }

        return _byCoin.TryGetValue(symbol, out var bare) ? bare : null;
    }
}
