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
            WarningCodes.CrossWhileNew =>
                "you are using cross margin while new to futures or after a liquidation; the article's first rule is to pick isolated so one bad trade cannot drain the wallet.",
            WarningCodes.StopBeyondLiquidation =>
                F($"the stop {Fig(finding, "stop")} is at or beyond the liquidation price {Fig(finding, "liquidationPrice")}: the position would be liquidated before the stop fires. Lower the leverage or move the stop."),
            WarningCodes.StopNearLiquidation =>
                F($"the stop {Fig(finding, "stop")} is {Fig(finding, "shareOfWayPct", 1)}% of the way from the entry to the liquidation price {Fig(finding, "liquidationPrice")} (keep it under {Fig(finding, "bufferPct", 0)}%): at {Fig(finding, "leverage")}x a wick or slippage can reach liquidation first."),
            WarningCodes.LiquidationWithinDailyMove =>
                F($"the liquidation price is only {Fig(finding, "distancePct", 2)}% away, within a typical daily move of {Fig(finding, "dailyMovePct", 2)}% for this coin: at {Fig(finding, "leverage")}x an ordinary day can liquidate it."),
            WarningCodes.NoDailyMoveData =>
                "no citable typical daily move is bundled for this coin, so the volatility check was skipped (no figure is guessed).",
            WarningCodes.CrossIdleFunds =>
                F($"{Fig(finding, "idleFunds", 2)} sits idle in the futures wallet while cross positions are open: it is not safe cash but liquidation fuel a cross liquidation can consume.") +
                (finding.Figures.ContainsKey("liquidationPriceWithoutIdle")
                    ? F($" With it the liquidation price is {Fig(finding, "liquidationPrice")}; without it, {Fig(finding, "liquidationPriceWithoutIdle")}.")
                    : string.Empty),
            WarningCodes.CrossUnhedged =>
                F($"{Fig(finding, "crossPositions")} cross positions share one wallet without hedging each other (net exposure {Fig(finding, "netSharePct", 0)}% of gross): one bad move can close them all. Isolated fences each idea."),
            WarningCodes.CostsAboveMarginShare =>
                F($"fees ({Fig(finding, "fees", 2)}) plus funding ({Fig(finding, "funding", 2)}) take {Fig(finding, "sharePct", 1)}% of the {Fig(finding, "margin", 2)} margin, above {Fig(finding, "limitPct", 0)}%: the margin shrinks even if the price stays flat."),
            WarningCodes.NoStopLoss =>
                "no stop-loss is set; set one before entry, not after panic.",
            WarningCodes.StopOnLastPrice =>
                F($"the stop {Fig(finding, "stop")} triggers on the last price while liquidation goes by the mark price; the two can differ in a wick, so keep a gap between the stop and the liquidation price."),
            _ => finding.Code,
        };
    }

    private static string Fig(Finding finding, string name, int decimals) =>
        finding.Figures.TryGetValue(name, out var value)
            ? Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("#,0.########", CultureInfo.InvariantCulture)
            : "?";

    // Prices and amounts read like the rest of the answer: thousands separated, decimals by size.
    private static string Fig(Finding finding, string name) =>
        finding.Figures.TryGetValue(name, out var value) ? Input.Numbers.FormatPrice(value) : "?";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
