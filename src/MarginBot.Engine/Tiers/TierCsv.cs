using System.Globalization;
using MarginBot.Engine.Data;

namespace MarginBot.Engine.Tiers;

/// <summary>
/// Reads MarginBot's own tier-table format: <c>#</c> header lines with <c>key: value</c> pairs
/// (<c>exchange</c>, <c>basis</c>, <c>as-of</c>, <c>source</c>), a column line, then one row per tier:
/// <c>symbol,tier,floor,cap,maintenanceMarginRate,maintenanceAmount,maxLeverage</c> with an empty
/// cap for an unbounded last tier and an empty max leverage where the source did not record it. Numbers are invariant-culture decimals.
/// </summary>
public static class TierCsv
{
    private const string Columns = "symbol,tier,floor,cap,maintenanceMarginRate,maintenanceAmount,maxLeverage";

    /// <summary>Parses one file's text into tables keyed by symbol; <paramref name="edge"/> is the exchange's edge convention.</summary>
    /// <exception cref="FormatException">The text is not in the format above; the message names the line.</exception>
    public static IReadOnlyDictionary<string, TierTable> Parse(string text, TierSource source, TierEdge edge)
    {
        ArgumentNullException.ThrowIfNull(text);
        var file = DataFile.Parse(text, Columns, maxCells: 8);
        var rows = new Dictionary<string, List<MarginTier>>(StringComparer.Ordinal);
        foreach (var (lineNumber, cells) in file.Rows)
        {
            if (cells.Length != 7)
            {
                throw new FormatException($"line {lineNumber}: expected 7 cells, found {cells.Length}.");
            }

            var tier = new MarginTier(
                int.Parse(cells[1], NumberStyles.Integer, CultureInfo.InvariantCulture),
                ParseDecimal(cells[2], lineNumber),
                cells[3].Length == 0 ? null : ParseDecimal(cells[3], lineNumber),
                ParseDecimal(cells[4], lineNumber),
                ParseDecimal(cells[5], lineNumber),
                cells[6].Length == 0 ? null : ParseDecimal(cells[6], lineNumber));
            if (!rows.TryGetValue(cells[0], out var list))
            {
                rows[cells[0]] = list = [];
            }

            list.Add(tier);
        }

        var basis = ParseBasis(file.Header.GetValueOrDefault("basis"));
        var asOf = file.Header.GetValueOrDefault("as-of") ?? "undated";
        return rows.ToDictionary(
            pair => pair.Key,
            pair => new TierTable(pair.Key, basis, pair.Value, source, asOf, edge),
            StringComparer.Ordinal);
    }

    private static decimal ParseDecimal(string cell, int lineNumber) =>
        decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"line {lineNumber}: '{cell}' is not a number.");

    private static TierBasis ParseBasis(string? basis) => basis switch
    {
        "quote-notional" => TierBasis.QuoteNotional,
        "base-notional" => TierBasis.BaseNotional,
        "base-quantity" => TierBasis.BaseQuantity,
        "contracts" => TierBasis.Contracts,
        _ => throw new FormatException($"unknown or missing '# basis:' header: '{basis}'."),
    };
}
