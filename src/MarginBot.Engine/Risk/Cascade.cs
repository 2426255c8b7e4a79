using MarginBot.Engine.Contracts;

namespace MarginBot.Engine.Risk;

/// <summary>What MarginBot assumes the exchange does when the cross account reaches its trigger.</summary>
public enum CascadeModel
{
    /// <summary>
    /// The conservative default: when cross equity falls to the cross requirement, every cross
    /// position is closed at that moment's prices. Exchanges may close less (partial or one by
    /// one), never more.
    /// </summary>
    WholeCrossBook,

    /// <summary>
    /// The position with the largest unrealized loss is closed first, then the account is checked
    /// again; the next one goes only if the account is still at or below its requirement.
    /// </summary>
    LargestLossFirst,
}

/// <summary>How a what-if walk is run.</summary>
public sealed record CascadeOptions
{
    /// <summary>The default: whole cross book at the trigger, 200 fine steps per leg.</summary>
    public static CascadeOptions Default { get; } = new();

    /// <summary>What happens at the account trigger.</summary>
    public CascadeModel Model { get; init; } = CascadeModel.WholeCrossBook;

    /// <summary>
    /// Fine steps between two waypoints (at least 1). The account trigger inside a step is then
    /// found by bisection, so the step count decides the order of events, not the trigger price.
    /// </summary>
    public int StepsPerLeg { get; init; } = 200;
}

/// <summary>
/// One liquidation on the way. Amounts in the book's margin asset.
/// </summary>
/// <param name="Position">The position closed.</param>
/// <param name="Price">The mark at which it was closed: its own liquidation price when isolated, the
/// account trigger's price of its symbol when cross.</param>
/// <param name="MovePct">That price's move from the scenario's starting mark, in percent.</param>
/// <param name="Loss">What the close took from the wallet: price loss from entry plus the
/// liquidation (taker) fee. Negative when a profitable position is closed.</param>
/// <param name="Fee">The liquidation fee inside <paramref name="Loss"/>.</param>
/// <param name="WalletAfter">The wallet balance after the close.</param>
/// <param name="EquityAfter">Wallet plus the unrealized PnL of what is still open, after the close.</param>
/// <param name="AccountTrigger">True when the cross account's trigger closed it; false for an isolated liquidation.</param>
public sealed record LiquidationEvent(
    Position Position,
    decimal Price,
    decimal MovePct,
    decimal Loss,
    decimal Fee,
    decimal WalletAfter,
    decimal EquityAfter,
    bool AccountTrigger);

/// <summary>Where a what-if walk ends.</summary>
/// <param name="WalletBalance">Wallet left after every liquidation.</param>
/// <param name="Equity">Wallet plus the unrealized PnL of the survivors at the final prices.</param>
/// <param name="TotalLoss">Sum of the liquidations' losses (realized; the survivors' PnL is not in it).</param>
/// <param name="PositionsLeft">The positions still open.</param>
/// <param name="Prices">The final price of every symbol in the book.</param>
public sealed record CascadeEnd(
    decimal WalletBalance,
    decimal Equity,
    decimal TotalLoss,
    IReadOnlyList<Position> PositionsLeft,
    IReadOnlyDictionary<string, decimal> Prices);

/// <summary>The answer of <see cref="WhatIf.Run"/>.</summary>
/// <param name="Model">The trigger model used; answers must say which.</param>
/// <param name="StartWallet">The wallet before the move.</param>
/// <param name="StartEquity">The equity at the marks before the move.</param>
/// <param name="Events">Every liquidation, in the order it happened.</param>
/// <param name="End">The end state.</param>
/// <param name="FineSteps">How many fine price steps were walked in all.</param>
public sealed record CascadeResult(
    CascadeModel Model,
    decimal StartWallet,
    decimal StartEquity,
    IReadOnlyList<LiquidationEvent> Events,
    CascadeEnd End,
    int FineSteps);
