using System.Text.Json;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Risk;
using MarginBot.Engine.Warnings;

namespace MarginBot.Cli;

/// <summary>
/// The optional risk fields of a portfolio file (docs/risk.md): <c>trader</c> { newToFutures,
/// liquidatedBefore, deliberateHedge }, <c>stops</c> { SYMBOL: price | { price, trigger: last|mark } },
/// <c>holdHours</c> and <c>fundingRate</c> (per interval, a fraction). Absent fields skip their checks.
/// </summary>
internal static class RiskFile
{
    private static readonly Lazy<DailyMoves> Moves = new(DailyMoves.LoadBundled);

    /// <summary>Every finding of a book: the analyzer's and the risk checks', given the file's risk fields.</summary>
    public static IReadOnlyList<Finding> ExtraFindings(Book book, BookReport report, string path) =>
        RiskFindings.Detect(book, report, Read(File.ReadAllText(path)));

    public static RiskContext Read(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var context = new RiskContext { DailyMoves = Moves.Value };
        if (root.TryGetProperty("trader", out var trader) && trader.ValueKind != JsonValueKind.Null)
        {
            if (trader.ValueKind != JsonValueKind.Object)
            {
                throw new InputException("trader", "expected an object such as { \"newToFutures\": true }");
            }

            context = context with
            {
                NewToFutures = Bool(trader, "newToFutures"),
                LiquidatedBefore = Bool(trader, "liquidatedBefore"),
                DeliberateHedge = Bool(trader, "deliberateHedge"),
            };
        }

        if (root.TryGetProperty("stops", out var stops) && stops.ValueKind != JsonValueKind.Null)
        {
            context = context with { Stops = Stops(stops) };
        }

        return context with
        {
            HoldHours = Number(root, "holdHours", 0m, 24m * 365m),
            FundingRatePerInterval = Number(root, "fundingRate", -0.05m, 0.05m),
        };
    }

    private static Dictionary<string, StopLoss> Stops(JsonElement stops)
    {
        if (stops.ValueKind != JsonValueKind.Object)
        {
            throw new InputException("stops", "expected an object of symbol to stop price, such as { \"BTCUSDT\": 58000 }");
        }

        var result = new Dictionary<string, StopLoss>(StringComparer.Ordinal);
        foreach (var property in stops.EnumerateObject())
        {
            var at = $"stops.{property.Name}";
            if (!Symbols.TryNormalize(property.Name, out var symbol, out _))
            {
                throw new InputException(at, $"expected a symbol such as BTCUSDT, got '{property.Name}'");
            }

            var value = property.Value;
            var trigger = StopTrigger.LastPrice;
            if (value.ValueKind == JsonValueKind.Object)
            {
                if (value.TryGetProperty("trigger", out var t) && t.ValueKind == JsonValueKind.String)
                {
                    trigger = t.GetString()?.Trim().ToLowerInvariant() switch
                    {
                        "last" => StopTrigger.LastPrice,
                        "mark" => StopTrigger.MarkPrice,
                        _ => throw new InputException($"{at}.trigger", $"expected last or mark, got '{t.GetString()}'"),
                    };
                }

                value = value.TryGetProperty("price", out var p) ? p : throw new InputException($"{at}.price", "missing; expected the stop price");
                at += ".price";
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var price) || price <= 0)
            {
                throw new InputException(at, "expected a positive stop price");
            }

            result[symbol] = new StopLoss(price, trigger);
        }

        return result;
    }

    private static bool? Bool(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InputException($"trader.{name}", "expected true or false"),
        };
    }

    private static decimal? Number(JsonElement element, string name, decimal min, decimal max)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number >= min && number <= max
            ? number
            : throw new InputException(name, FormattableString.Invariant($"expected a number from {min} to {max}"));
    }
}
