using System.Collections.Frozen;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Accounts;

/// <summary>
/// A trader's futures wallet of one margin asset and the positions it backs: the input of every
/// account-level answer. Structural rules (one position per symbol in one-way mode, one per side in
/// hedge mode, one margin mode per symbol, a tier table for every symbol) are the caller's to check.
/// </summary>
public sealed record Book
{
    /// <summary>Whose rules apply.</summary>
    public ExchangeProfile Exchange { get; init; } = ExchangeProfile.Binance;

    /// <summary>The asset the wallet and every amount is in: <c>USDT</c>, or a coin for inverse books.</summary>
    public string MarginAsset { get; init; } = "USDT";

    /// <summary>The whole futures wallet of the margin asset, unrealized PnL excluded. Not negative.</summary>
    public required decimal WalletBalance { get; init; }

    /// <summary>One-way or hedge.</summary>
    public PositionMode PositionMode { get; init; } = PositionMode.OneWay;

    /// <summary>Fee rates; the exchange's published defaults unless the trader gave theirs.</summary>
    public FeeSchedule? Fees { get; init; }

    /// <summary>The open positions.</summary>
    public IReadOnlyList<Position> Positions { get; init; } = [];

    /// <summary>Mark price per symbol; a symbol with none is marked at its entry price.</summary>
    public IReadOnlyDictionary<string, decimal> MarkPrices { get; init; } = FrozenDictionary<string, decimal>.Empty;

    /// <summary>Tier table per symbol; every position's symbol must have one (see <see cref="WithTiers"/>).</summary>
    public IReadOnlyDictionary<string, TierTable> Tiers { get; init; } = FrozenDictionary<string, TierTable>.Empty;

    /// <summary>The fee rates in force.</summary>
    public FeeSchedule EffectiveFees => Fees ?? Exchange.DefaultFees;

    /// <summary>The mark of <paramref name="position"/>'s symbol, or its entry price when none is known.</summary>
    public decimal MarkOf(Position position)
    {
        ArgumentNullException.ThrowIfNull(position);
        return MarkPrices.TryGetValue(position.Symbol, out var mark) ? mark : position.EntryPrice;
    }

    /// <summary>The tier table of <paramref name="symbol"/>.</summary>
    public TierTable TiersOf(string symbol) =>
        Tiers.TryGetValue(symbol, out var table)
            ? table
            : throw new ArgumentException($"No tier table was given for {symbol}.", nameof(symbol));

    /// <summary>
    /// A copy whose <see cref="Tiers"/> hold, for every symbol in the book, the table in
    /// <paramref name="overrides"/> or else the catalog's (bundled or fallback).
    /// </summary>
    public Book WithTiers(TierCatalog catalog, IReadOnlyDictionary<string, TierTable>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var tables = new Dictionary<string, TierTable>(StringComparer.Ordinal);
        foreach (var position in Positions)
        {
            if (tables.ContainsKey(position.Symbol))
            {
                continue;
            }

            tables[position.Symbol] = overrides is not null && overrides.TryGetValue(position.Symbol, out var given)
                ? given
                : catalog.Resolve(Exchange.Id, position.Contract.Kind, position.Symbol);
        }

        return this with { Tiers = tables.ToFrozenDictionary(StringComparer.Ordinal) };
    }
}
