using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;
using MarginBot.Engine.Warnings;

namespace MarginBot.Engine.Accounts;

/// <summary>
/// The account as the exchange sees it. Amounts in the book's margin asset.
/// </summary>
/// <param name="WalletBalance">The whole futures wallet.</param>
/// <param name="CrossWalletBalance">Wallet less the isolated positions' margins: what cross positions share.</param>
/// <param name="Equity">Wallet plus every position's unrealized PnL.</param>
/// <param name="MaintenanceMargin">Sum of every position's maintenance margin now.</param>
/// <param name="MarginRatio">Cross requirement ÷ cross margin balance, a fraction: 1 (100%) is liquidation, on every
/// exchange (OKX publishes the inverse ratio; it is turned round here). 0 without cross positions; 1 at or
/// past liquidation (never above).</param>
/// <param name="InitialMargin">Margin in use: isolated margins plus cross notional at mark ÷ leverage.</param>
/// <param name="IdleFunds">Wallet not posted as margin. Under cross it is collateral a liquidation can consume: "liquidation fuel".</param>
/// <param name="CrossMarginBalance">Cross wallet plus cross unrealized PnL.</param>
/// <param name="CrossRequirement">What the exchange requires of the cross positions now (maintenance, plus fees on Bybit and OKX).</param>
public sealed record AccountSummary(
    decimal WalletBalance,
    decimal CrossWalletBalance,
    decimal Equity,
    decimal MaintenanceMargin,
    decimal MarginRatio,
    decimal InitialMargin,
    decimal IdleFunds,
    decimal CrossMarginBalance,
    decimal CrossRequirement);

/// <summary>
/// One position's numbers. Amounts in the book's margin asset; prices in the quote currency.
/// </summary>
public sealed record PositionReport
{
    /// <summary>The position as given.</summary>
    public required Position Position { get; init; }

    /// <summary>The mark the numbers use.</summary>
    public required decimal MarkPrice { get; init; }

    /// <summary>Notional at the mark.</summary>
    public required decimal Notional { get; init; }

    /// <summary>Isolated: the position's margin; cross: notional at mark ÷ leverage.</summary>
    public required decimal InitialMargin { get; init; }

    /// <summary>Unrealized PnL at the mark.</summary>
    public required decimal UnrealizedPnl { get; init; }

    /// <summary>Return on initial margin, in percent.</summary>
    public required decimal RoePct { get; init; }

    /// <summary>The liquidation estimate, with the formula and the tier it used.</summary>
    public required Liquidation.LiquidationResult Liquidation { get; init; }

    /// <summary>Where equity backing the position reaches zero; <c>null</c> when no positive price does.</summary>
    public required decimal? BankruptcyPrice { get; init; }

    /// <summary>Maintenance margin now (Bybit isolated: valued at entry, as Bybit does).</summary>
    public required decimal MaintenanceMargin { get; init; }

    /// <summary>The tier behind <see cref="MaintenanceMargin"/>.</summary>
    public required MarginTier Tier { get; init; }

    /// <summary>The table the tiers come from.</summary>
    public required TierTable Tiers { get; init; }

    /// <summary>Fee paid to open at the entry, at the taker rate.</summary>
    public required decimal EntryFee { get; init; }

    /// <summary>Fee to close at the mark, at the taker rate.</summary>
    public required decimal ExitFee { get; init; }

    /// <summary>Liquidation price, or <c>null</c>.</summary>
    public decimal? LiquidationPrice => Liquidation.Price;

    /// <summary>
    /// How far the mark may move against the position before liquidation, in percent of the mark.
    /// Negative when the mark is already past the liquidation price; <c>null</c> without one. For a
    /// hedge-mode long and short sharing one cross price, positive while the cross account covers its
    /// requirement (the way to the price is the way the account's surplus falls).
    /// </summary>
    public required decimal? DistanceToLiquidationPct { get; init; }
}

/// <summary>Everything the engine says about a book.</summary>
/// <param name="Exchange">Whose rules were applied.</param>
/// <param name="Fees">The fee rates used.</param>
/// <param name="Account">Account-level figures.</param>
/// <param name="Positions">One report per position, in the book's order.</param>
/// <param name="Findings">Warnings detected from the numbers.</param>
public sealed record BookReport(
    ExchangeProfile Exchange,
    FeeSchedule Fees,
    AccountSummary Account,
    IReadOnlyList<PositionReport> Positions,
    IReadOnlyList<Finding> Findings);
