using System.Globalization;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.QuickCommands;

/// <summary>The pieces of a trade a user typed; any of them may be missing.</summary>
internal sealed record TradeRequest
{
    public string? Symbol { get; init; }

    public ContractKind Kind { get; init; }

    public Side? Side { get; init; }

    public decimal? Entry { get; init; }

    public decimal? Leverage { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? Notional { get; init; }

    public MarginMode? Mode { get; init; }

    public decimal? Wallet { get; init; }

    public ExchangeProfile? Exchange { get; init; }

    /// <summary>The names of the required pieces not given, in the order they are asked.</summary>
    public IReadOnlyList<string> Missing(bool needSize)
    {
        var missing = new List<string>();
        if (Symbol is null)
        {
            missing.Add(Texts.PieceSymbol);
        }

        if (Side is null)
        {
            missing.Add(Texts.PieceSide);
        }

        if (Entry is null)
        {
            missing.Add(Texts.PieceEntry);
        }

        if (Leverage is null && !needSize)
        {
            missing.Add(Texts.PieceLeverage);
        }

        if (needSize && Quantity is null && Notional is null)
        {
            missing.Add(Texts.PieceSize);
        }

        return missing;
    }

    /// <summary>The quantity, from the size given as a quantity or a notional at the entry.</summary>
    public decimal? QuantityAtEntry => Quantity ?? (Notional is { } n && Entry is { } e ? n / e : null);
}

/// <summary>
/// Reads a trade typed in any order: <c>btc long 60k 10x</c>, <c>BTCUSDT short at 60,000 x20 0.5 btc cross wallet 1000 bybit</c>.
/// Grammar in docs/commands.md and <c>/help liq</c>. A token it cannot read is named with an example.
/// </summary>
internal static class TradeText
{
    private static readonly string[] QuoteWords = ["usdt", "usd", "usdc", "$"];

    public static TradeRequest Parse(string text, TierCatalog catalog, TradeRequest? start = null)
    {
        var tokens = text.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var r = start ?? new TradeRequest();
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            var word = token.ToLowerInvariant();
            var next = i + 1 < tokens.Length ? tokens[i + 1] : null;
            switch (word)
            {
                case "at" or "@" or "entry":
                    r = r with { Entry = Once(r.Entry, NumberAfter(token, next), token, Texts.PieceEntry) };
                    i++;
                    continue;
                case "qty" or "size" or "quantity":
                    r = r with { Quantity = Once(r.Quantity ?? r.Notional, NumberAfter(token, next), token, Texts.PieceSize) };
                    i++;
                    continue;
                case "wallet" or "balance":
                    r = r with { Wallet = Once(r.Wallet, NumberAfter(token, next, allowZero: true), token, Texts.PieceWallet) };
                    i++;
                    continue;
                case "x" or "lev" or "leverage":
                    r = r with { Leverage = Once(r.Leverage, Lev(NumberAfter(token, next), token), token, Texts.PieceLeverage) };
                    i++;
                    continue;
            }

            if (Words.TryParseSide(word, out var side) && word.Length > 1)
            {
                r = r with { Side = Once(r.Side, side, token, Texts.PieceSide) };
            }
            else if (Words.TryParseMode(word, out var mode))
            {
                r = r with { Mode = Once(r.Mode, mode, token, Texts.PieceMode) };
            }
            else if (Words.TryParseExchange(word, out var exchange))
            {
                r = r with { Exchange = Once(r.Exchange, exchange, token, Texts.PieceExchange) };
            }
            else if (TryLeverage(word, out var leverage))
            {
                r = r with { Leverage = Once(r.Leverage, Lev(leverage, token), token, Texts.PieceLeverage) };
            }
            else if (word.StartsWith('@'))
            {
                r = r with { Entry = Once(r.Entry, Positive(word[1..], token), token, Texts.PieceEntry) };
            }
            else if (word.StartsWith('$'))
            {
                r = r with { Notional = Once(r.Notional ?? r.Quantity, Positive(word, token), token, Texts.PieceSize) };
            }
            else if (QuoteSuffixed(word) is { } amount)
            {
                r = r with { Notional = Once(r.Notional ?? r.Quantity, Positive(amount, token), token, Texts.PieceSize) };
            }
            else if (Numbers.TryParse(word, out _))
            {
                var value = Positive(word, token);
                var unit = next?.ToLowerInvariant();
                if (unit is not null && QuoteWords.Contains(unit))
                {
                    r = r with { Notional = Once(r.Notional ?? r.Quantity, value, token, Texts.PieceSize) };
                    i++;
                }
                else if (unit is not null && !IsKeyword(unit) && TrySymbol(unit, catalog, out var coin, out var coinKind))
                {
                    r = WithSymbol(r, coin, coinKind, next!);
                    r = r with { Quantity = Once(r.Quantity ?? r.Notional, value, token, Texts.PieceSize) };
                    i++;
                }
                else if (r.Entry is null)
                {
                    r = r with { Entry = value };
                }
                else if (r.Quantity is null && r.Notional is null)
                {
                    r = r with { Quantity = value };
                }
                else
                {
                    throw new InputException(token, Texts.ExtraNumber);
                }
            }
            else if (TrySymbol(word, catalog, out var symbol, out var kind))
            {
                r = WithSymbol(r, symbol, kind, token);
            }
            else
            {
                throw new InputException(token, Symbols.TryNormalize(word, out var unknown, out _) && word.Any(char.IsAsciiLetter)
                    ? Texts.UnlistedSymbol(unknown)
                    : Texts.UnreadableToken);
            }
        }

        return r;
    }

    private static bool IsKeyword(string word) =>
        word is "at" or "qty" or "size" or "wallet" or "x" or "entry" or "leverage" or "lev" or "balance"
        || Words.TryParseSide(word, out _) || Words.TryParseMode(word, out _) || Words.TryParseExchange(word, out _);

    private static TradeRequest WithSymbol(TradeRequest r, string symbol, ContractKind kind, string token)
    {
        if (r.Symbol is not null && !string.Equals(r.Symbol, symbol, StringComparison.Ordinal))
        {
            throw new InputException(token, Texts.TwoSymbols(r.Symbol));
        }

        return r with { Symbol = symbol, Kind = kind };
    }

    private static bool TrySymbol(string word, TierCatalog catalog, out string symbol, out ContractKind kind) =>
        Symbols.TryNormalize(word, out symbol, out kind) && word.Any(char.IsAsciiLetter) && SymbolCatalog.IsListed(catalog, symbol, kind);

    private static string? QuoteSuffixed(string word)
    {
        foreach (var quote in QuoteWords)
        {
            if (word.Length > quote.Length && word.EndsWith(quote, StringComparison.Ordinal) && Numbers.TryParse(word[..^quote.Length], out _))
            {
                return word[..^quote.Length];
            }
        }

        return null;
    }

    private static bool TryLeverage(string word, out decimal leverage)
    {
        leverage = 0m;
        var digits = word.EndsWith('x') ? word[..^1] : word.StartsWith('x') ? word[1..] : null;
        return digits is { Length: > 0 } && !digits.Contains(',', StringComparison.Ordinal)
            && decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out leverage);
    }

    private static decimal Lev(decimal leverage, string token) =>
        leverage is >= 1 and <= BookValidator.MaxLeverageAnywhere ? leverage : throw new InputException(token, Texts.LeverageRange);

    private static decimal NumberAfter(string keyword, string? next, bool allowZero = false)
    {
        if (next is null)
        {
            throw new InputException(keyword, Texts.NumberAfter(keyword));
        }

        var word = next.ToLowerInvariant();
        var text = word.EndsWith('x') ? word[..^1] : word;
        return Numbers.TryParse(text, out var value) && (value > 0 || (allowZero && value == 0))
            ? value
            : throw new InputException(next, Texts.NumberAfter(keyword));
    }

    private static decimal Positive(string text, string token) =>
        Numbers.TryParse(text, out var value) && value > 0 ? value : throw new InputException(token, Texts.PositiveNumber);

    private static T Once<T>(T? already, T value, string token, string piece)
        where T : struct =>
        already is null ? value : throw new InputException(token, Texts.GivenTwice(piece));

    private static T Once<T>(T? already, T value, string token, string piece)
        where T : class =>
        already is null ? value : throw new InputException(token, Texts.GivenTwice(piece));
}
