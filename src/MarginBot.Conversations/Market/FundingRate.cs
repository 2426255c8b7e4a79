namespace MarginBot.Conversations.Market;

/// <summary>
/// A perpetual's funding rate for the current interval and when it is settled. Positive: longs pay
/// shorts notional × rate at <see cref="NextFundingTime"/>.
/// </summary>
public sealed record FundingRate
{
    /// <summary>Creates a funding rate; it must lie strictly between −1 and 1.</summary>
    public FundingRate(decimal rate, DateTimeOffset nextFundingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rate, -1m);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rate, 1m);
        Rate = rate;
        NextFundingTime = nextFundingTime;
    }

    /// <summary>A fraction of notional per interval: 0.0001 is 0.01%.</summary>
    public decimal Rate { get; }

    /// <summary>When the rate is next settled (UTC).</summary>
    public DateTimeOffset NextFundingTime { get; }
}
