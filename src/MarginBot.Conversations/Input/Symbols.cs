using MarginBot.Engine.Contracts;

namespace MarginBot.Conversations.Input;

/// <summary>
/// Turns what traders type (<c>btc</c>, <c>BTC</c>, <c>btc/usdt</c>, <c>BTC-USDT-SWAP</c>,
/// <c>btcusd_perp</c>) into MarginBot's symbol names: <c>BTCUSDT</c> for linear, <c>BTCUSD</c> for inverse.
/// </summary>
public static class Symbols
{
    /// <summary>Normalises <paramref name="text"/>; <c>false</c> when it cannot be a symbol.</summary>
    public static bool TryNormalize(string? text, out string symbol, out ContractKind kind)
    {
        symbol = string.Empty;
        kind = ContractKind.Linear;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 30)
        {
            return false;
        }

        var s = text.Trim().ToUpperInvariant()
            .Replace("/", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace("_PERP", string.Empty, StringComparison.Ordinal)
            .Replace("SWAP", string.Empty, StringComparison.Ordinal);
        if (s.Length == 0 || !s.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        if (s.EndsWith("USDT", StringComparison.Ordinal))
        {
            symbol = s;
            return s.Length > 4;
        }

        if (s.EndsWith("USD", StringComparison.Ordinal) && s.Length > 3)
        {
            symbol = s;
            kind = ContractKind.Inverse;
            return true;
        }

        if (!s.Any(char.IsAsciiLetter) || s.Length > 15)
        {
            return false;
        }

        symbol = s + "USDT";
        return true;
    }

    /// <summary>The coin of a symbol: <c>BTC</c> for <c>BTCUSDT</c> and <c>BTCUSD</c>.</summary>
    public static string BaseAsset(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return symbol.EndsWith("USDT", StringComparison.Ordinal) ? symbol[..^4]
            : symbol.EndsWith("USD", StringComparison.Ordinal) ? symbol[..^3]
            : symbol;
    }
}
