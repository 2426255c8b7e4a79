using System.Collections.Frozen;
using MarginBot.Engine.Contracts;

namespace MarginBot.Conversations.Portfolio;

/// <summary>
/// What a user told the bot about their futures wallet: its balance (once given), their open
/// positions in the order they were opened, and the marks they set.
/// </summary>
/// <param name="WalletBalance">The whole futures wallet in USDT, or <c>null</c> before /wallet.</param>
/// <param name="Positions">Open positions.</param>
/// <param name="Marks">Mark price per symbol; a symbol without one is marked at its entry.</param>
public sealed record TraderBook(decimal? WalletBalance, IReadOnlyList<Position> Positions, IReadOnlyDictionary<string, decimal> Marks)
{
    /// <summary>No wallet, no positions.</summary>
    public static TraderBook Empty { get; } = new(null, [], FrozenDictionary<string, decimal>.Empty);

    /// <summary>Where each live mark in <see cref="Marks"/> came from; a symbol absent here was set by the user.</summary>
    public IReadOnlyDictionary<string, MarkSource> MarkSources { get; init; } = FrozenDictionary<string, MarkSource>.Empty;
}

/// <summary>A mark fetched from an exchange: its source (<c>Binance</c>) and when it was fetched.</summary>
/// <param name="Source">The exchange's display name.</param>
/// <param name="FetchedAt">When it was fetched (UTC).</param>
public sealed record MarkSource(string Source, DateTimeOffset FetchedAt);

/// <summary>Port: one book per user.</summary>
public interface IBookStore
{
    /// <summary>The user's book, or <c>null</c>.</summary>
    TraderBook? Load(long userId);

    /// <summary>Stores the user's book.</summary>
    void Save(long userId, TraderBook book);
}
