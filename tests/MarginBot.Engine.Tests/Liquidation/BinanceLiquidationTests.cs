using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;
using static MarginBot.Engine.Tests.Books;

namespace MarginBot.Engine.Tests.Liquidation;

public class BinanceLiquidationTests
{
    [Fact]
    public void Isolated_LongAtFirstTier_MatchesClosedForm()
    {
        // BTCUSDT tier 1 (notional < 50,000): MMR 0.4%, amount 0. 0.5 BTC at 60,000, 10x: margin 3,000.
        // LP = (3000 + 0 − 0.5·60000) / (0.5·0.004 − 0.5) = −27000 / −0.498
        var report = Analyze(3_000m, [Linear("BTCUSDT", Side.Long, 0.5m, 60_000m, 10m)]);

        var position = report.Positions[0];
        Assert.Equal(27_000m / 0.498m, position.LiquidationPrice);
        Assert.Equal(1, position.Liquidation.Tier.Number);
        Assert.Equal(54_000m, position.BankruptcyPrice);
    }

    [Fact]
    public void Isolated_ShortAtFirstTier_MatchesClosedForm()
    {
        // LP = (3000 + 0 + 0.5·60000) / (0.5·0.004 + 0.5) = 33000 / 0.502
        var report = Analyze(3_000m, [Linear("BTCUSDT", Side.Short, 0.5m, 60_000m, 10m)]);

        Assert.Equal(33_000m / 0.502m, report.Positions[0].LiquidationPrice);
        Assert.Equal(66_000m, report.Positions[0].BankruptcyPrice);
    }

    [Fact]
    public void Isolated_TierAtEntryDiffersFromTierAtLiquidation_UsesTierAtLiquidation()
    {
        // 1 BTC at 60,000 is tier 2 (50,000–600,000: 0.5%, amount 50). At 5x the price falls to
        // about 48,193 before liquidation, where the notional is back in tier 1 (0.4%, amount 0).
        // Tier 1: LP = (12000 − 60000)/(0.004 − 1) = 48,192.77 → notional 48,192.77 < 50,000: consistent.
        // Tier 2 would give (12000 + 50 − 60000)/(0.005 − 1) = 48,190.95, also in tier 1: inconsistent.
        var report = Analyze(12_000m, [Linear("BTCUSDT", Side.Long, 1m, 60_000m, 5m)]);

        var position = report.Positions[0];
        Assert.Equal(2, position.Tier.Number);
        Assert.Equal(1, position.Liquidation.Tier.Number);
        Assert.Equal(48_000m / 0.996m, position.LiquidationPrice);
    }

    [Fact]
    public void Isolated_ShortClimbsIntoHigherTierOnWayToLiquidation_UsesHigherTier()
    {
        // 0.8 BTC short at 60,000 (48,000 notional, tier 1) at 2x: the price must rise to ~89,000,
        // where the notional (~71,300) is in tier 2 (0.5%, amount 50).
        // Tier 2: LP = (24000 + 50 + 48000) / (0.8·0.005 + 0.8) = 72050 / 0.804
        var report = Analyze(24_000m, [Linear("BTCUSDT", Side.Short, 0.8m, 60_000m, 2m)]);

        var position = report.Positions[0];
        Assert.Equal(1, position.Tier.Number);
        Assert.Equal(2, position.Liquidation.Tier.Number);
        Assert.Equal(72_050m / 0.804m, position.LiquidationPrice);
    }

    [Fact]
    public void Isolated_LongAtOneTimesLeverage_HasNoLiquidationPrice()
    {
        var report = Analyze(60_000m, [Linear("BTCUSDT", Side.Long, 1m, 60_000m, 1m)]);

        Assert.Null(report.Positions[0].LiquidationPrice);
        Assert.Null(report.Positions[0].DistanceToLiquidationPct);
        Assert.Contains(report.Findings, f => f.Code == Warnings.WarningCodes.NoLiquidationPrice);
    }

    [Fact]
    public void Cross_OnePosition_WalletBeyondMarginPushesPriceAway()
    {
        // Cross with the whole wallet: LP = (10000 − 30000) / (0.5·0.004 − 0.5) = 40,160.64
        var report = Analyze(10_000m, [Linear("BTCUSDT", Side.Long, 0.5m, 60_000m, 10m, MarginMode.Cross)]);

        Assert.Equal(20_000m / 0.498m, report.Positions[0].LiquidationPrice);
        Assert.Equal(10_000m, report.Account.CrossWalletBalance);
    }

    [Fact]
    public void Cross_TwoSymbols_CountsOtherPositionsMaintenanceAndSignedPnl()
    {
        // ETH short of 10 at 3,000 marked 3,300: UPNL −3,000 (a short's loss, with its sign), and
        // its maintenance margin at the 33,000 notional from the bundled ETHUSDT table. Then
        // LP_BTC = (WB − TMM_ETH + UPNL_ETH + cum − Q·EP) / (Q·MMR − Q).
        var eth = Linear("ETHUSDT", Side.Short, 10m, 3_000m, 10m, MarginMode.Cross);
        var btc = Linear("BTCUSDT", Side.Long, 0.5m, 60_000m, 10m, MarginMode.Cross);
        var marks = new Dictionary<string, decimal> { ["ETHUSDT"] = 3_300m, ["BTCUSDT"] = 60_000m };
        var report = Analyze(10_000m, [btc, eth], marks: marks);

        var ethTier = Catalog.Resolve(Exchanges.ExchangeId.Binance, ContractKind.Linear, "ETHUSDT").At(33_000m);
        var ethMaintenance = (33_000m * ethTier.MaintenanceMarginRate) - ethTier.MaintenanceAmount;
        var expected = (10_000m - ethMaintenance - 3_000m - 30_000m) / ((0.5m * 0.004m) - 0.5m);
        Assert.Equal(expected, report.Positions[0].LiquidationPrice);
        Assert.Equal(-3_000m, report.Positions[1].UnrealizedPnl);
    }

    [Fact]
    public void CrossHedge_LongAndShortOfOneSymbol_ShareOnePrice()
    {
        // Hedge mode, long 1 BTC at 60,000 and short 0.4 at 62,000, both cross, wallet 5,000, one-tier 0.4%.
        // LP = (WB + 0 − QL·EPL + QS·EPS) / (QL·MMR + QS·MMR − QL + QS)
        //    = (5000 − 60000 + 24800) / (0.004 + 0.0016 − 1 + 0.4) = −30200 / −0.5944
        var tiers = new Dictionary<string, TierTable> { ["BTCUSDT"] = OneTier("BTCUSDT", 0.004m) };
        var report = Analyze(
            5_000m,
            [Linear("BTCUSDT", Side.Long, 1m, 60_000m, 20m, MarginMode.Cross), Linear("BTCUSDT", Side.Short, 0.4m, 62_000m, 20m, MarginMode.Cross)],
            tiers: tiers,
            positionMode: PositionMode.Hedge);

        var expected = 30_200m / 0.5944m;
        Assert.Equal(expected, report.Positions[0].LiquidationPrice);
        Assert.Equal(expected, report.Positions[1].LiquidationPrice);
    }

    [Fact]
    public void CoinM_IsolatedLong_MatchesClosedForm()
    {
        // BTCUSD, 100 USD contracts: 10 contracts (1,000 USD) at 50,000 is 0.02 BTC; at 10x the
        // margin is 0.002 BTC. Tier 1 (0.4%, 0 amount):
        // LP = CM·Q·(MMR + 1) / (WB + cum + CM·Q/EP) = 1000·1.004 / (0.002 + 0.02)
        var position = new Position
        {
            Symbol = "BTCUSD", Side = Side.Long, Quantity = 10m, EntryPrice = 50_000m, Leverage = 10m,
            Mode = MarginMode.Isolated, Contract = ContractSpec.Inverse(100m),
        };
        var report = Analyze(0.002m, [position], marginAsset: "BTC");

        Assert.Equal(1_004m / 0.022m, report.Positions[0].LiquidationPrice);
        Assert.Equal(0.02m, report.Positions[0].Notional);
    }

    [Fact]
    public void CoinM_IsolatedShortAtOneTimes_HasNoLiquidationPrice()
    {
        // A 1x coin-margined short is a hedge of the coin it holds: no price liquidates it.
        var position = new Position
        {
            Symbol = "BTCUSD", Side = Side.Short, Quantity = 10m, EntryPrice = 50_000m, Leverage = 1m,
            Mode = MarginMode.Isolated, Contract = ContractSpec.Inverse(100m),
        };
        var report = Analyze(0.02m, [position], marginAsset: "BTC");

        Assert.Null(report.Positions[0].LiquidationPrice);
    }
}
