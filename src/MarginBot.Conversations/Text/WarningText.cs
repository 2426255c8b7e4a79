using System.Globalization;
using MarginBot.Engine.Warnings;

namespace MarginBot.Conversations.Text;

/// <summary>The words for each engine finding. All warning wording lives here.</summary>
public static class WarningText
{
    /// <summary>One sentence for <paramref name="finding"/>, in plain text.</summary>
    public static string Describe(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var who = finding.Symbol is null ? string.Empty : finding.Symbol + ": ";
        return who + finding.Code switch
        {
            WarningCodes.FallbackTiers =>
                "no tier table is known for this symbol on this exchange, so MarginBot used its conservative default (2% maintenance and up); the real liquidation price is likely further away. Check the exchange's table.",
            WarningCodes.LeverageAboveTierMax =>
                F($"{Fig(finding, "leverage")}x is above the exchange's maximum of {Fig(finding, "maxLeverage")}x for tier {Fig(finding, "tier")} at this size; the order would be rejected or the leverage cut."),
            WarningCodes.NoLiquidationPrice =>
                "no positive price liquidates this position: its margin covers a move to zero (or, for a short, the margin grows faster than the loss).",
            WarningCodes.BeyondLiquidation =>
                F($"the mark {Fig(finding, "mark")} is already past the liquidation price {Fig(finding, "liquidationPrice")}: the exchange would be liquidating this position now."),
            WarningCodes.IsolatedMarginExceedsWallet =>
                F($"the isolated margins are more than the wallet holds; the cross wallet would be {Fig(finding, "crossWallet")}."),
            WarningCodes.CrossAssumesOtherMarksStill =>
                "each cross liquidation price assumes every other coin stays where it is; coins tend to fall together, so watch the margin ratio too.",
            _ => finding.Code,
        };
    }

    private static string Fig(Finding finding, string name) =>
        finding.Figures.TryGetValue(name, out var value) ? value.ToString("0.########", CultureInfo.InvariantCulture) : "?";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
