namespace MarginBot.Engine.Warnings;

/// <summary>The stable codes of <see cref="Finding"/>s. docs/risk.md explains each.</summary>
public static class WarningCodes
{
    /// <summary>The symbol has no known tier table; MarginBot's conservative default was used.</summary>
    public const string FallbackTiers = "fallback-tiers";

    /// <summary>The leverage is above the exchange's maximum for the tier of the entry notional.</summary>
    public const string LeverageAboveTierMax = "leverage-above-tier-max";

    /// <summary>No positive price liquidates the position.</summary>
    public const string NoLiquidationPrice = "no-liquidation-price";

    /// <summary>The mark is already at or past the liquidation price.</summary>
    public const string BeyondLiquidation = "beyond-liquidation";

    /// <summary>The isolated margins add up to more than the wallet.</summary>
    public const string IsolatedMarginExceedsWallet = "isolated-margin-exceeds-wallet";

    /// <summary>Each cross liquidation price assumes the other symbols' marks stay where they are.</summary>
    public const string CrossAssumesOtherMarksStill = "cross-assumes-other-marks-still";

    /// <summary>Cross margin while the trader is new to futures or has been liquidated before (the article: pick isolated).</summary>
    public const string CrossWhileNew = "cross-while-new";

    /// <summary>The stop-loss lies at or beyond the liquidation price: liquidation comes first.</summary>
    public const string StopBeyondLiquidation = "stop-beyond-liquidation";

    /// <summary>The stop lies more than the buffer (default 80%) of the way from the entry to the liquidation price: leverage too high for the stop.</summary>
    public const string StopNearLiquidation = "stop-near-liquidation";

    /// <summary>The liquidation price is within a typical daily move of the coin.</summary>
    public const string LiquidationWithinDailyMove = "liquidation-within-daily-move";

    /// <summary>No citable typical daily move is bundled for the coin: the volatility check was skipped.</summary>
    public const string NoDailyMoveData = "no-daily-move-data";

    /// <summary>Cross positions are open while funds sit idle in the futures wallet: "liquidation fuel".</summary>
    public const string CrossIdleFunds = "cross-idle-funds";

    /// <summary>Several cross positions that do not hedge each other share one wallet.</summary>
    public const string CrossUnhedged = "cross-unhedged";

    /// <summary>Fees plus funding over the hold exceed a share (default 10%) of the position's margin.</summary>
    public const string CostsAboveMarginShare = "costs-above-margin-share";

    /// <summary>The position has no stop-loss.</summary>
    public const string NoStopLoss = "no-stop-loss";

    /// <summary>The stop triggers on the last price while liquidation goes by the mark price: a wick can liquidate before the stop fires, or the stop can fire on a wick the mark never saw.</summary>
    public const string StopOnLastPrice = "stop-on-last-price";
}
