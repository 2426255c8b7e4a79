using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Checklist;

/// <summary>Reads one checklist answer; a wrong one raises an <see cref="InputException"/> naming what was expected.</summary>
internal static class CheckAnswers
{
    public static bool IsSkip(string text) => text.Trim().ToLowerInvariant() is "skip" or "none" or "no" or "-" or "no stop";

    /// <summary>"Use the mark" typed: the entry is left to the exchange's mark price.</summary>
    public static bool IsMark(string text) =>
        text.Trim().ToLowerInvariant() is "mark" or "market" or "mark price" or "at market" or "at the mark" or "use the mark";

    public static decimal Positive(string text, string field, string example)
    {
        var word = text.Trim();
        return Numbers.TryParse(word, out var value) && value > 0 ? value : throw new InputException(field, example);
    }

    /// <summary>Quantity (<c>2</c>, <c>2 eth</c>, <c>qty 2</c>) or notional (<c>$6000</c>, <c>6000 usdt</c>, <c>6k usdt</c>).</summary>
    public static (decimal? Quantity, decimal? Notional) Size(string text, string symbol)
    {
        var words = text.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var coin = Symbols.BaseAsset(symbol).ToLowerInvariant();
        if (words.Length == 2 && words[0] is "qty" or "size")
        {
            words = [words[1]];
        }

        if (words.Length == 1 && words[0].StartsWith('$') && Numbers.TryParse(words[0], out var dollars) && dollars > 0)
        {
            return (null, dollars);
        }

        foreach (var quote in (string[])["usdt", "usd"])
        {
            if (words.Length == 1 && words[0].EndsWith(quote, StringComparison.Ordinal) && Numbers.TryParse(words[0][..^quote.Length], out var glued) && glued > 0)
            {
                return (null, glued);
            }
        }

        if (words.Length is 1 or 2 && Numbers.TryParse(words[0], out var value) && value > 0)
        {
            if (words.Length == 1 || words[1] == coin)
            {
                return (value, null);
            }

            if (words[1] is "usdt" or "usd" or "$")
            {
                return (null, value);
            }
        }

        throw new InputException(Texts.PieceSize, Texts.Check.SizeExample(coin));
    }

    public static decimal Leverage(string text, Position draft, ExchangeProfile exchange, TierCatalog catalog)
    {
        var word = text.Trim().ToLowerInvariant();
        word = word.EndsWith('x') ? word[..^1] : word.StartsWith('x') ? word[1..] : word;
        if (!Numbers.TryParse(word, out var leverage) || leverage < 1 || leverage > BookValidator.MaxLeverageAnywhere)
        {
            throw new InputException(Texts.PieceLeverage, Texts.Check.LeverageExample);
        }

        var position = draft with { Leverage = leverage };
        var book = new Book { Exchange = exchange, WalletBalance = 0m, Positions = [position] }.WithTiers(catalog);
        if (BookValidator.LeverageProblem(book, position, Texts.PieceLeverage) is { } problem)
        {
            throw new InputException(Texts.PieceLeverage, problem.Expected);
        }

        return leverage;
    }

    /// <summary>Hours: <c>8h</c>, <c>3d</c>, <c>45m</c>, <c>2 days</c>, <c>1w</c>.</summary>
    public static decimal Hours(string text)
    {
        var s = text.Trim().ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        (string Suffix, decimal Hours)[] units =
        [
            ("minutes", 1m / 60m), ("minute", 1m / 60m), ("mins", 1m / 60m), ("min", 1m / 60m), ("m", 1m / 60m),
            ("hours", 1m), ("hour", 1m), ("hrs", 1m), ("hr", 1m), ("h", 1m),
            ("days", 24m), ("day", 24m), ("d", 24m),
            ("weeks", 168m), ("week", 168m), ("w", 168m),
        ];
        foreach (var (suffix, hours) in units)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal) && Numbers.TryParse(s[..^suffix.Length], out var count) && count > 0 && count <= 10_000)
            {
                return count * hours;
            }
        }

        throw new InputException(Texts.PieceHold, Texts.Check.HoldExample);
    }
}
