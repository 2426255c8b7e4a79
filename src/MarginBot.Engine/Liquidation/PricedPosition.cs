using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Liquidation;

/// <summary>A position with its tier table and current mark price: everything its margin needs.</summary>
/// <param name="Position">The position.</param>
/// <param name="Tiers">Its symbol's tier table.</param>
/// <param name="Mark">Its current mark price.</param>
public readonly record struct PricedPosition(Position Position, TierTable Tiers, decimal Mark)
{
    /// <summary>Notional in the margin asset at <paramref name="price"/>.</summary>
    public decimal NotionalAt(decimal price) => Position.Contract.Notional(Position.Quantity, price);

    /// <summary>Unrealized PnL in the margin asset at <paramref name="price"/>.</summary>
    public decimal PnlAt(decimal price) => Position.Contract.Pnl(Position.Side, Position.Quantity, Position.EntryPrice, price);

    /// <summary>The position's size in the unit its tier table is measured in, at <paramref name="price"/>.</summary>
    public decimal TierValueAt(decimal price)
    {
        var contract = Position.Contract;
        return Tiers.Basis switch
        {
            TierBasis.QuoteNotional => contract.IsInverse ? Position.Quantity * contract.ContractSize : Position.Quantity * price,
            TierBasis.Contracts => Position.Quantity,
            _ => contract.IsInverse ? Position.Quantity * contract.ContractSize / price : Position.Quantity,
        };
    }

    /// <summary>Index of the tier that applies at <paramref name="price"/>.</summary>
    public int TierIndexAt(decimal price) => Tiers.IndexAt(TierValueAt(price));

    /// <summary>Maintenance margin at <paramref name="price"/>: notional × rate − amount, with the tier at that price.</summary>
    public decimal MaintenanceMarginAt(decimal price) => Tiers.Tiers[TierIndexAt(price)].MaintenanceMargin(NotionalAt(price));
}
