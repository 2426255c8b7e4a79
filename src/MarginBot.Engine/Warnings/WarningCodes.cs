namespace MarginBot.Engine.Warnings;

/// <summary>The stable codes of <see cref="Finding"/>s. docs/warnings.md explains each.</summary>
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
}
