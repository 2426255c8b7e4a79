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
        var text = Sentence(finding);
        return finding.Symbol is null ? text : Say("warning.of-symbol", ("symbol", finding.Symbol), ("warning", text));
    }

    private static string Sentence(Finding f) => f.Code switch
    {
        WarningCodes.FallbackTiers => Say("warning.fallback-tiers"),
        WarningCodes.LeverageAboveTierMax =>
            Say("warning.leverage-above-tier-max", ("leverage", Fig(f, "leverage")), ("maxLeverage", Fig(f, "maxLeverage")), ("tier", Fig(f, "tier"))),
        WarningCodes.NoLiquidationPrice => Say("warning.no-liquidation-price"),
        WarningCodes.BeyondLiquidation =>
            Say("warning.beyond-liquidation", ("mark", Fig(f, "mark")), ("liquidation", Fig(f, "liquidationPrice"))),
        WarningCodes.IsolatedMarginExceedsWallet =>
            Say("warning.isolated-margin-exceeds-wallet", ("crossWallet", Fig(f, "crossWallet"))),
        WarningCodes.CrossAssumesOtherMarksStill => Say("warning.cross-assumes-other-marks-still"),
        WarningCodes.CrossWhileNew => Say("warning.cross-while-new"),
        WarningCodes.StopBeyondLiquidation =>
            Say("warning.stop-beyond-liquidation", ("stop", Fig(f, "stop")), ("liquidation", Fig(f, "liquidationPrice"))),
        WarningCodes.StopNearLiquidation =>
            Say("warning.stop-near-liquidation", ("stop", Fig(f, "stop")), ("share", Fig(f, "shareOfWayPct", 1)), ("liquidation", Fig(f, "liquidationPrice")), ("buffer", Fig(f, "bufferPct", 0)), ("leverage", Fig(f, "leverage"))),
        WarningCodes.LiquidationWithinDailyMove =>
            Say("warning.liquidation-within-daily-move", ("distance", Fig(f, "distancePct", 2)), ("dailyMove", Fig(f, "dailyMovePct", 2)), ("leverage", Fig(f, "leverage"))),
        WarningCodes.NoDailyMoveData => Say("warning.no-daily-move-data"),
        WarningCodes.CrossIdleFunds when f.Figures.ContainsKey("liquidationPriceWithoutIdle") =>
            Say("warning.cross-idle-funds.with-prices", ("idle", Fig(f, "idleFunds", 2)), ("with", Fig(f, "liquidationPrice")), ("without", Fig(f, "liquidationPriceWithoutIdle"))),
        WarningCodes.CrossIdleFunds => Say("warning.cross-idle-funds", ("idle", Fig(f, "idleFunds", 2))),
        WarningCodes.CrossUnhedged =>
            Say("warning.cross-unhedged", ("count", Fig(f, "crossPositions")), ("netShare", Fig(f, "netSharePct", 0))),
        WarningCodes.CostsAboveMarginShare =>
            Say("warning.costs-above-margin-share", ("fees", Fig(f, "fees", 2)), ("funding", Fig(f, "funding", 2)), ("share", Fig(f, "sharePct", 1)), ("margin", Fig(f, "margin", 2)), ("limit", Fig(f, "limitPct", 0))),
        WarningCodes.NoStopLoss => Say("warning.no-stop-loss"),
        WarningCodes.StopOnLastPrice => Say("warning.stop-on-last-price", ("stop", Fig(f, "stop"))),
        _ => f.Code,
    };

    private static string Fig(Finding finding, string name, int decimals) =>
        finding.Figures.TryGetValue(name, out var value)
            ? Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("#,0.########", CultureInfo.InvariantCulture)
            : "?";

    // Prices and amounts read like the rest of the answer: thousands separated, decimals by size.
    private static string Fig(Finding finding, string name) =>
        finding.Figures.TryGetValue(name, out var value) ? Input.Numbers.FormatPrice(value) : "?";

    // Keys are string literals at every call, so a test can check each against the catalog.
    private static string Say(string key, params ReadOnlySpan<(string Name, object? Value)> values) =>
        TextCatalog.English.Format(key, values);
}
