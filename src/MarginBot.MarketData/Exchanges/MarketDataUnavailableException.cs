namespace MarginBot.MarketData.Exchanges;

/// <summary>
/// Why an exchange gave no usable answer, in words fit for a trader. Thrown inside this project only:
/// <see cref="MarketDataService"/> turns it into a "not available" answer and it never reaches a caller.
/// </summary>
internal sealed class MarketDataUnavailableException : Exception
{
    public MarketDataUnavailableException()
    {
    }

    public MarketDataUnavailableException(string message)
        : base(message)
    {
    }

    public MarketDataUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
