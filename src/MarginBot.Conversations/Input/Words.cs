using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;

namespace MarginBot.Conversations.Input;

/// <summary>The words traders use for sides, margin modes and position modes.</summary>
public static class Words
{
    /// <summary><c>long</c>/<c>buy</c> or <c>short</c>/<c>sell</c>.</summary>
    public static bool TryParseSide(string? text, out Side side)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "long" or "buy" or "l":
                side = Side.Long;
                return true;
            case "short" or "sell" or "s":
                side = Side.Short;
                return true;
            default:
                side = Side.Long;
                return false;
        }
    }

    /// <summary><c>isolated</c>/<c>iso</c> or <c>cross</c>.</summary>
    public static bool TryParseMode(string? text, out MarginMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "isolated" or "iso":
                mode = MarginMode.Isolated;
                return true;
            case "cross":
                mode = MarginMode.Cross;
                return true;
            default:
                mode = MarginMode.Isolated;
                return false;
        }
    }

    /// <summary><c>one-way</c> or <c>hedge</c>.</summary>
    public static bool TryParsePositionMode(string? text, out PositionMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "one-way" or "oneway":
                mode = PositionMode.OneWay;
                return true;
            case "hedge":
                mode = PositionMode.Hedge;
                return true;
            default:
                mode = PositionMode.OneWay;
                return false;
        }
    }

    /// <summary>
    /// The words for the exchanges of the registry (<see cref="ExchangeProfile.All"/>), in its order:
    /// <c>binance</c>, <c>bybit</c>, <c>okx</c>. Lists of exchanges in texts and errors come from here.
    /// </summary>
    public static IReadOnlyList<string> Exchanges { get; } = [.. ExchangeProfile.All.Select(Of)];

    /// <summary>The exchange words as a choice in a sentence: "binance, bybit or okx".</summary>
    public static string ExchangeChoices { get; } = Exchanges.Count < 2
        ? string.Concat(Exchanges)
        : string.Join(", ", Exchanges.Take(Exchanges.Count - 1)) + " or " + Exchanges[^1];

    /// <summary>One of <see cref="ExchangeChoices"/>, in any case.</summary>
    public static bool TryParseExchange(string? text, out ExchangeProfile exchange) => ExchangeProfile.TryParse(text, out exchange);

    /// <summary>The word for a side.</summary>
    public static string Of(Side side) => side == Side.Long ? "long" : "short";

    /// <summary>The word for a margin mode.</summary>
    public static string Of(MarginMode mode) => mode == MarginMode.Cross ? "cross" : "isolated";

    /// <summary>The lower-case name of an exchange.</summary>
    public static string Of(ExchangeProfile exchange) => exchange?.Name.ToLowerInvariant() ?? string.Empty;
}
