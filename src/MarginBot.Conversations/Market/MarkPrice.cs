namespace MarginBot.Conversations.Market;

/// <summary>A mark price in the quote asset (USDT). Positive.</summary>
public sealed record MarkPrice
{
    /// <summary>Creates a mark price; it must be positive.</summary>
    public MarkPrice(decimal price)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        Price = price;
    }

    /// <summary>The price, USDT.</summary>
    public decimal Price { get; }
}
