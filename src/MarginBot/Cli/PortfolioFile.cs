using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Cli;

/// <summary>
/// Reads the portfolio file (docs/portfolio-format.md) into a validated <see cref="Book"/> with its
/// tier tables resolved. Every problem is an <see cref="InputException"/> naming the JSON path.
/// </summary>
internal static class PortfolioFile
{
    /// <summary>What a maintenance rate must be, for the portfolio file and <c>liq --mmr</c> alike.</summary>
    internal const string MaintenanceRateExpected =
        "expected a maintenance margin rate as a fraction below 1, such as 0.004 for 0.4% (at 1, the whole position value, a position would be liquidated as it opened)";

    public static Book Parse(string json, TierCatalog catalog)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InputException("file", $"expected valid JSON; {e.Message.Split(". ")[0]}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputException("file", "expected a JSON object with \"wallet\" and \"positions\"");
            }

            var exchange = ExchangeProfile.Binance;
            if (OptionalString(root, "exchange") is { } exchangeName && !Words.TryParseExchange(exchangeName, out exchange))
            {
                throw new InputException("exchange", $"expected {Words.ExchangeChoices}, got '{exchangeName}'");
            }

            var marginAsset = (OptionalString(root, "marginAsset") ?? "USDT").ToUpperInvariant();
            var positionMode = PositionMode.OneWay;
            if (OptionalString(root, "positionMode") is { } modeName && !Words.TryParsePositionMode(modeName, out positionMode))
            {
                throw new InputException("positionMode", $"expected one-way or hedge, got '{modeName}'");
            }

            var wallet = Number(root, "wallet", "wallet", required: true, allowZero: true)!.Value;
            var fees = ReadFees(root, exchange);
            var marks = ReadMarks(root);
            var positions = ReadPositions(root, exchange);
            var overrides = ReadTiers(root, exchange, positions);

            var book = new Book
            {
                Exchange = exchange,
                MarginAsset = marginAsset,
                WalletBalance = wallet,
                PositionMode = positionMode,
                Fees = fees,
                Positions = positions,
                MarkPrices = marks,
            }.WithTiers(catalog, overrides);

            for (var i = 0; i < positions.Count; i++)
            {
                var symbol = positions[i].Symbol;
                if (!overrides.ContainsKey(symbol) && !SymbolCatalog.IsListed(catalog, symbol, positions[i].Contract.Kind))
                {
                    throw new InputException($"positions[{i}].symbol", $"a listed perpetual such as BTCUSDT; no exchange table knows '{symbol}' (give its tiers under \"tiers\" to use it anyway)");
                }
            }

            if (BookValidator.FirstProblem(book) is { } problem)
            {
                throw new InputException(problem);
            }

            return book;
        }
    }

    private static FeeSchedule? ReadFees(JsonElement root, ExchangeProfile exchange)
    {
        if (!root.TryGetProperty("fees", out var fees) || fees.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (fees.ValueKind != JsonValueKind.Object)
        {
            throw new InputException("fees", "expected an object such as { \"taker\": 0.0005, \"maker\": 0.0002 }");
        }

        var taker = Rate(fees, "taker", "fees.taker") ?? exchange.DefaultFees.Taker;
        var maker = Rate(fees, "maker", "fees.maker") ?? exchange.DefaultFees.Maker;
        return new FeeSchedule(taker, maker);
    }

    private static FrozenDictionary<string, decimal> ReadMarks(JsonElement root)
    {
        var marks = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (!root.TryGetProperty("marks", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return marks.ToFrozenDictionary();
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InputException("marks", "expected an object of symbol to mark price, such as { \"BTCUSDT\": 61000 }");
        }

        foreach (var property in element.EnumerateObject())
        {
            var symbol = Symbol(property.Name, $"marks.{property.Name}").Symbol;
            marks[symbol] = Number(element, property.Name, $"marks.{property.Name}", required: true, allowZero: false)!.Value;
        }

        return marks.ToFrozenDictionary();
    }

    private static List<Position> ReadPositions(JsonElement root, ExchangeProfile exchange)
    {
        if (!root.TryGetProperty("positions", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new InputException("positions", "expected an array of positions (it may be empty: [])");
        }

        var positions = new List<Position>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"positions[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(at, "expected an object with symbol, side, qty, entry and leverage or margin");
            }

            var (symbol, kind) = Symbol(OptionalString(item, "symbol") ?? throw new InputException($"{at}.symbol", "missing; expected a symbol such as BTCUSDT"), $"{at}.symbol");
            var sideText = OptionalString(item, "side") ?? throw new InputException($"{at}.side", "missing; expected long or short");
            if (!Words.TryParseSide(sideText, out var side))
            {
                throw new InputException($"{at}.side", $"expected long or short, got '{sideText}'");
            }

            var mode = MarginMode.Cross;
            if (OptionalString(item, "mode") is { } modeText && !Words.TryParseMode(modeText, out mode))
            {
                throw new InputException($"{at}.mode", $"expected isolated or cross, got '{modeText}'");
            }

            if (OptionalString(item, "contract") is { } contractText)
            {
                kind = contractText.ToLowerInvariant() switch
                {
                    "inverse" => ContractKind.Inverse,
                    "linear" => ContractKind.Linear,
                    _ => throw new InputException($"{at}.contract", $"expected linear or inverse, got '{contractText}'"),
                };
            }

            var contract = kind == ContractKind.Inverse
                ? ContractSpec.Inverse(Number(item, "contractSize", $"{at}.contractSize", required: false, allowZero: false) ?? exchange.DefaultInverseContractSize(symbol))
                : ContractSpec.Linear;
            var qty = Number(item, "qty", $"{at}.qty", required: true, allowZero: false)!.Value;
            var entry = Number(item, "entry", $"{at}.entry", required: true, allowZero: false)!.Value;
            var margin = Number(item, "margin", $"{at}.margin", required: false, allowZero: false);
            var leverage = Number(item, "leverage", $"{at}.leverage", required: false, allowZero: false);
            if (leverage is null && (mode == MarginMode.Cross || margin is null))
            {
                throw new InputException($"{at}.leverage", mode == MarginMode.Cross
                    ? "missing; expected the position's leverage, such as 10"
                    : "missing; expected the leverage or the isolated margin");
            }

            if (margin is not null && mode == MarginMode.Cross)
            {
                throw new InputException($"{at}.margin", "only for isolated positions; a cross position's margin is the shared cross wallet");
            }

            var position = new Position
            {
                Symbol = symbol,
                Side = side,
                Quantity = qty,
                EntryPrice = entry,
                Mode = mode,
                Contract = contract,
                IsolatedMargin = margin,
                Leverage = 1m,
            };
            positions.Add(position with { Leverage = leverage ?? LeverageOf(position, margin!.Value, $"{at}.margin") });
        }

        return positions;
    }

    private static Dictionary<string, TierTable> ReadTiers(JsonElement root, ExchangeProfile exchange, List<Position> positions)
    {
        var tables = new Dictionary<string, TierTable>(StringComparer.Ordinal);
        if (!root.TryGetProperty("tiers", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return tables;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InputException("tiers", "expected an object of symbol to a list of tiers");
        }

        foreach (var property in element.EnumerateObject())
        {
            var at = $"tiers.{property.Name}";
            var (symbol, kind) = Symbol(property.Name, at);
            kind = positions.FirstOrDefault(p => p.Symbol == symbol)?.Contract.Kind ?? kind;
            if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() == 0)
            {
                throw new InputException(at, "expected a non-empty list of { floor, cap, mmr, maintenanceAmount, maxLeverage }");
            }

            var tiers = new List<MarginTier>();
            var number = 1;
            foreach (var tier in property.Value.EnumerateArray())
            {
                var tierAt = $"{at}[{number - 1}]";
                if (tier.ValueKind != JsonValueKind.Object)
                {
                    throw new InputException(tierAt, "expected an object { floor, cap, mmr, maintenanceAmount, maxLeverage }");
                }

                var floor = Number(tier, "floor", $"{tierAt}.floor", required: false, allowZero: true) ?? 0m;
                var cap = Number(tier, "cap", $"{tierAt}.cap", required: false, allowZero: false);
                var mmr = MaintenanceRate(tier, $"{tierAt}.mmr") ?? throw new InputException($"{tierAt}.mmr", "missing; expected the maintenance margin rate as a fraction, such as 0.004");
                var amount = Number(tier, "maintenanceAmount", $"{tierAt}.maintenanceAmount", required: false, allowZero: true) ?? 0m;
                var maxLeverage = Number(tier, "maxLeverage", $"{tierAt}.maxLeverage", required: false, allowZero: false);
                if (cap is not null && cap <= floor)
                {
                    throw new InputException($"{tierAt}.cap", "expected a cap above the floor, or null for the last tier");
                }

                tiers.Add(new MarginTier(number++, floor, cap, mmr, amount, maxLeverage));
            }

            try
            {
                tables[symbol] = new TierTable(symbol, exchange.TierBasisFor(kind), tiers, TierSource.Override, "given in the portfolio file", exchange.TierEdge);
            }
            catch (ArgumentException)
            {
                throw new InputException(at, "expected tiers in order, each starting at the previous one's cap");
            }
        }

        return tables;
    }

    /// <summary>
    /// The leverage an isolated position given by its margin alone was opened at: notional ÷ margin,
    /// or 1x when the margin exceeds the notional (margin added beyond 1x; no exchange offers less).
    /// </summary>
    private static decimal LeverageOf(Position position, decimal margin, string at)
    {
        var leverage = position.EntryNotional / margin;
        if (leverage > BookValidator.MaxLeverageAnywhere)
        {
            throw new InputException(at, string.Create(CultureInfo.InvariantCulture,
                $"expected at least {position.EntryNotional / BookValidator.MaxLeverageAnywhere:#,0.########} (the notional at {BookValidator.MaxLeverageAnywhere:0}x, the most any exchange offers), got {margin:#,0.########}"));
        }

        return Math.Max(1m, leverage);
    }

    private static (string Symbol, ContractKind Kind) Symbol(string text, string at) =>
        Symbols.TryNormalize(text, out var symbol, out var kind)
            ? (symbol, kind)
            : throw new InputException(at, $"expected a symbol such as BTCUSDT, got '{text}'");

    private static string? OptionalString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InputException(name, $"expected a string, got {value.ValueKind.ToString().ToLowerInvariant()}");
    }

    private static decimal? MaintenanceRate(JsonElement element, string at)
    {
        var rate = Number(element, "mmr", at, required: false, allowZero: true);
        return rate is null or < MarginTier.RateBound ? rate : throw new InputException(at, MaintenanceRateExpected);
    }

    private static decimal? Rate(JsonElement element, string name, string at)
    {
        var rate = Number(element, name, at, required: false, allowZero: true);
        return rate is null or < 0.5m ? rate : throw new InputException(at, "expected a rate as a fraction below 0.5, such as 0.0005 for 0.05%");
    }

    private static decimal? Number(JsonElement element, string name, string at, bool required, bool allowZero)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new InputException(at, "missing; expected a number") : null;
        }

        decimal number;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetDecimal(out number) || Math.Abs(number) > Numbers.MaxMagnitude)
            {
                throw new InputException(at, "expected a number no larger than 1,000,000,000,000");
            }
        }
        else if (value.ValueKind != JsonValueKind.String || !Numbers.TryParse(value.GetString(), out number))
        {
            throw new InputException(at, $"expected a number, got {Describe(value)}");
        }

        if (number < 0 || (!allowZero && number == 0))
        {
            throw new InputException(at, string.Create(CultureInfo.InvariantCulture, $"expected {(allowZero ? "zero or a positive" : "a positive")} number, got {number}"));
        }

        return number;
    }

    private static string Describe(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? $"'{value.GetString()}'"
        : value.ValueKind.ToString().ToLowerInvariant();
}
