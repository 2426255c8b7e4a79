using System.Globalization;
using System.Text.Json;

namespace MarginBot.MarketData.Exchanges;

/// <summary>
/// Reads the fields the exchanges send. Numbers usually arrive as strings ("11793.63104562"), sometimes
/// as JSON numbers; both are read as invariant-culture decimals, never through double.
/// </summary>
internal static class JsonRead
{
    public static JsonElement Property(JsonElement obj, string name, string exchange) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value)
            ? value
            : throw Unreadable(exchange, name);

    public static decimal Decimal(JsonElement obj, string name, string exchange) =>
        TryDecimal(obj, name, out var value) ? value : throw Unreadable(exchange, name);

    /// <summary>A decimal field that may be absent or empty (Bybit's first-tier <c>mmDeduction</c> is "").</summary>
    public static decimal? OptionalDecimal(JsonElement obj, string name, string exchange)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value)
            || value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
        {
            return null;
        }

        return TryDecimal(obj, name, out var parsed) ? parsed : throw Unreadable(exchange, name);
    }

    public static long Int64(JsonElement obj, string name, string exchange)
    {
        var value = Property(obj, name, exchange);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        return value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw Unreadable(exchange, name);
    }

    public static string String(JsonElement obj, string name, string exchange)
    {
        var value = Property(obj, name, exchange);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Unreadable(exchange, name);
    }

    /// <summary>A Unix time in milliseconds, as Binance, Bybit and OKX all send.</summary>
    public static DateTimeOffset UnixMilliseconds(JsonElement obj, string name, string exchange)
    {
        var ms = Int64(obj, name, exchange);
        return ms is > 0 and < 253_402_300_800_000L ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : throw Unreadable(exchange, name);
    }

    public static JsonElement Array(JsonElement obj, string name, string exchange)
    {
        var value = Property(obj, name, exchange);
        return value.ValueKind == JsonValueKind.Array ? value : throw Unreadable(exchange, name);
    }

    /// <summary>
    /// The marks of an all-symbol answer: each row's id (<paramref name="idField"/>) mapped to MarginBot's
    /// symbol by <paramref name="symbolOf"/> (<c>null</c>: not a contract MarginBot fetches), its mark read
    /// from <paramref name="markField"/>. A row without a readable positive mark is left out; an answer
    /// with none at all is unreadable.
    /// </summary>
    public static IReadOnlyDictionary<string, Conversations.Market.MarkPrice> Marks(
        JsonElement rows, string idField, string markField, Func<string, string?> symbolOf, string exchange)
    {
        if (rows.ValueKind != JsonValueKind.Array)
        {
            throw Unreadable(exchange, markField);
        }

        var marks = new Dictionary<string, Conversations.Market.MarkPrice>(StringComparer.Ordinal);
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind == JsonValueKind.Object && row.TryGetProperty(idField, out var id) && id.ValueKind == JsonValueKind.String
                && symbolOf(id.GetString()!) is { } symbol
                && TryDecimal(row, markField, out var mark) && mark > 0m)
            {
                marks[symbol] = new Conversations.Market.MarkPrice(mark);
            }
        }

        return marks.Count > 0 ? marks : throw Unreadable(exchange, markField);
    }

    public static MarketDataUnavailableException Unreadable(string exchange, string field) =>
        new($"{exchange} sent an answer MarginBot cannot read (field '{field}')");

    private static bool TryDecimal(JsonElement obj, string name, out decimal value)
    {
        value = 0m;
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var element))
        {
            return false;
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => decimal.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            JsonValueKind.Number => element.TryGetDecimal(out value),
            _ => false,
        };
    }
}
