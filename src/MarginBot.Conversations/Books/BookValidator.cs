using System.Globalization;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Books;

/// <summary>
/// The rules a book must follow before the engine sees it. Field names are those of the portfolio
/// file (<c>positions[i].leverage</c>), which the chat commands share.
/// </summary>
public static class BookValidator
{
    /// <summary>Highest leverage any supported exchange offers.</summary>
    public const decimal MaxLeverageAnywhere = 200m;

    /// <summary>No real price is above this; a larger one is a typo, and would overflow decimal arithmetic.</summary>
    public const decimal MaxPrice = 1_000_000_000_000m;

    /// <summary>The first problem of <paramref name="book"/> (tiers resolved), or <c>null</c> when it is valid.</summary>
    public static InputProblem? FirstProblem(Book book)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (book.WalletBalance < 0)
        {
            return new("wallet", "expected a wallet balance of 0 or more");
        }

        var sides = new Dictionary<string, (MarginMode Mode, int Count, bool Long, bool Short)>(StringComparer.Ordinal);
        decimal isolated = 0m;
        for (var i = 0; i < book.Positions.Count; i++)
        {
            var p = book.Positions[i];
            var at = $"positions[{i}]";
            var problem = PositionProblem(book, p, at);
            if (problem is not null)
            {
                return problem;
            }

            if (p.Mode == MarginMode.Isolated)
            {
                isolated += p.PositionMargin;
            }

            sides.TryGetValue(p.Symbol, out var seen);
            if (seen.Count > 0 && seen.Mode != p.Mode)
            {
                return new($"{at}.mode", $"the same margin mode as the other {p.Symbol} position ({Word(seen.Mode)}): an exchange holds one mode per symbol");
            }

            var duplicate = book.PositionMode == PositionMode.OneWay ? seen.Count > 0 : (p.Side == Side.Long ? seen.Long : seen.Short);
            if (duplicate)
            {
                return new($"{at}.symbol", book.PositionMode == PositionMode.OneWay
                    ? $"one position per symbol in one-way mode; {p.Symbol} appears twice (set \"positionMode\": \"hedge\" for a long and a short)"
                    : $"one {Word(p.Side)} per symbol in hedge mode; {p.Symbol} has two");
            }

            sides[p.Symbol] = (p.Mode, seen.Count + 1, seen.Long || p.Side == Side.Long, seen.Short || p.Side == Side.Short);
        }

        if (isolated > book.WalletBalance)
        {
            return new("wallet", string.Create(CultureInfo.InvariantCulture, $"at least the isolated positions' margins ({isolated:0.########} {book.MarginAsset}); the wallet is {book.WalletBalance:0.########}"));
        }

        return null;
    }

    private static InputProblem? PositionProblem(Book book, Position p, string at)
    {
        if (p.Quantity <= 0)
        {
            return new($"{at}.qty", "expected a positive quantity");
        }

        if (p.EntryPrice <= 0 || p.EntryPrice > MaxPrice)
        {
            return new($"{at}.entry", "expected a positive entry price below 1,000,000,000,000");
        }

        // No exchange offers less than 1x: below it the position would hold more margin than its value.
        if (p.Leverage < 1 || p.Leverage > MaxLeverageAnywhere)
        {
            return new($"{at}.leverage", string.Create(CultureInfo.InvariantCulture, $"expected a leverage from 1 to {MaxLeverageAnywhere:0}"));
        }

        if (p.IsolatedMargin is <= 0)
        {
            return new($"{at}.margin", "expected a positive margin");
        }

        if (book.MarkPrices.TryGetValue(p.Symbol, out var mark) && (mark <= 0 || mark > MaxPrice))
        {
            return new($"marks.{p.Symbol}", "expected a positive mark price below 1,000,000,000,000");
        }

        var inverseBook = !IsQuoteAsset(book.MarginAsset);
        if (p.Contract.IsInverse != inverseBook)
        {
            return new($"{at}.contract", p.Contract.IsInverse
                ? $"a linear position in a {book.MarginAsset} book; inverse positions need \"marginAsset\" set to their coin"
                : $"an inverse position in a {book.MarginAsset} book (add \"contract\": \"inverse\" and \"contractSize\")");
        }

        if (p.Contract.IsInverse && !p.Symbol.StartsWith(book.MarginAsset, StringComparison.Ordinal))
        {
            return new($"{at}.symbol", $"a {book.MarginAsset}-margined symbol such as {book.MarginAsset}USD");
        }

        return LeverageProblem(book, p, at);
    }

    /// <summary>Leverage above the exchange's maximum for the entry notional's tier (not checked against fallback tables).</summary>
    public static InputProblem? LeverageProblem(Book book, Position p, string at)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(p);
        if (!book.Tiers.TryGetValue(p.Symbol, out var tiers) || tiers.Source == TierSource.Fallback)
        {
            return null;
        }

        var tier = tiers.Tiers[new PricedPosition(p, tiers, p.EntryPrice).TierIndexAt(p.EntryPrice)];
        return tier.MaxLeverage is { } max && p.Leverage > max
            ? new($"{at}.leverage", string.Create(CultureInfo.InvariantCulture, $"at most {max:0.##}x for {p.Symbol} at this size on {book.Exchange.Name} (tier {tier.Number}); got {p.Leverage:0.##}x"))
            : null;
    }

    private static bool IsQuoteAsset(string asset) => asset is "USDT" or "USDC" or "USD";

    private static string Word(MarginMode mode) => mode == MarginMode.Cross ? "cross" : "isolated";

    private static string Word(Side side) => side == Side.Long ? "long" : "short";
}
