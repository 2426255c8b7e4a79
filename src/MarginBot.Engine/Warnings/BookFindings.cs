using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;

namespace MarginBot.Engine.Warnings;

/// <summary>The findings every book answer carries, read off the computed numbers.</summary>
public static class BookFindings
{
    /// <summary>Findings for a book and its computed reports.</summary>
    public static IReadOnlyList<Finding> Detect(Book book, AccountSummary account, IReadOnlyList<PositionReport> reports)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(reports);
        var findings = new List<Finding>();
        var crossSymbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            var position = report.Position;
            var symbol = position.Symbol;
            if (position.Mode == MarginMode.Cross)
            {
                crossSymbols.Add(symbol);
            }

            if (report.Tiers.IsFallback)
            {
                findings.Add(Finding.Of(WarningCodes.FallbackTiers, Severity.Warning, symbol));
            }

            var entryTier = report.Tiers.At(TierValueAtEntry(report));
            if (entryTier.MaxLeverage is { } max && position.Leverage > max)
            {
                findings.Add(Finding.Of(
                    WarningCodes.LeverageAboveTierMax, Severity.Danger, symbol,
                    ("leverage", position.Leverage), ("maxLeverage", max), ("tier", entryTier.Number), ("notional", position.EntryNotional)));
            }

            if (report.LiquidationPrice is null)
            {
                findings.Add(Finding.Of(WarningCodes.NoLiquidationPrice, Severity.Info, symbol));
            }
            else if (report.DistanceToLiquidationPct <= 0)
            {
                findings.Add(Finding.Of(
                    WarningCodes.BeyondLiquidation, Severity.Danger, symbol,
                    ("mark", report.MarkPrice), ("liquidationPrice", report.LiquidationPrice.Value)));
            }
        }

        if (account.CrossWalletBalance < 0)
        {
            findings.Add(Finding.Of(
                WarningCodes.IsolatedMarginExceedsWallet, Severity.Danger, null,
                ("wallet", account.WalletBalance), ("crossWallet", account.CrossWalletBalance)));
        }

        if (crossSymbols.Count > 1)
        {
            findings.Add(Finding.Of(WarningCodes.CrossAssumesOtherMarksStill, Severity.Info, null, ("crossSymbols", crossSymbols.Count)));
        }

        return findings;
    }

    private static decimal TierValueAtEntry(PositionReport report) =>
        new Liquidation.PricedPosition(report.Position, report.Tiers, report.MarkPrice).TierValueAt(report.Position.EntryPrice);
}
