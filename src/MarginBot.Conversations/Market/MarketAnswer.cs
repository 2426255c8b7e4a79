using System.Diagnostics.CodeAnalysis;
using MarginBot.Engine.Exchanges;

namespace MarginBot.Conversations.Market;

/// <summary>
/// One answer of <see cref="IMarketData"/>: either a value with its source and the time it was
/// fetched, so that a reply can say "mark 60,123.4 on Binance, 8 s ago", or "not available" with a
/// short reason fit to show a trader ("Binance did not answer within 8 s").
/// </summary>
/// <typeparam name="T">What was asked: <see cref="MarkPrice"/>, <see cref="FundingRate"/> or a tier table.</typeparam>
public sealed record MarketAnswer<T>
    where T : class
{
    internal MarketAnswer(ExchangeId exchange, string symbol, T? value, DateTimeOffset fetchedAt, string? reason)
    {
        Exchange = exchange;
        Symbol = symbol;
        Value = value;
        FetchedAt = fetchedAt;
        Reason = reason;
    }

    /// <summary>The exchange asked.</summary>
    public ExchangeId Exchange { get; }

    /// <summary>The symbol asked, in MarginBot's naming (<c>BTCUSDT</c>).</summary>
    public string Symbol { get; }

    /// <summary>The value; <c>null</c> when not available.</summary>
    public T? Value { get; }

    /// <summary>When the value was fetched (the injected clock's time); <c>default</c> when not available.</summary>
    public DateTimeOffset FetchedAt { get; }

    /// <summary>Why there is no value, in a few plain words; <c>null</c> when available.</summary>
    public string? Reason { get; }

    /// <summary>True when <see cref="Value"/> holds a value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsAvailable => Value is not null;

    /// <summary>The exchange's display name (<c>Binance</c>, <c>Bybit</c>, <c>OKX</c>): where the value came from.</summary>
    public string Source => ExchangeProfile.Of(Exchange).Name;

    /// <summary>How old the value is at <paramref name="now"/>; never negative.</summary>
    public TimeSpan AgeAt(DateTimeOffset now) => now > FetchedAt ? now - FetchedAt : TimeSpan.Zero;
}

/// <summary>Builds <see cref="MarketAnswer{T}"/> values.</summary>
public static class MarketAnswer
{
    /// <summary>A value fetched from <paramref name="exchange"/> at <paramref name="fetchedAt"/>.</summary>
    public static MarketAnswer<T> Available<T>(ExchangeId exchange, string symbol, T value, DateTimeOffset fetchedAt)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(value);
        return new MarketAnswer<T>(exchange, symbol, value, fetchedAt, null);
    }

    /// <summary>No value, with a short reason a trader can read.</summary>
    public static MarketAnswer<T> NotAvailable<T>(ExchangeId exchange, string symbol, string reason)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new MarketAnswer<T>(exchange, symbol, null, default, reason);
    }
}
