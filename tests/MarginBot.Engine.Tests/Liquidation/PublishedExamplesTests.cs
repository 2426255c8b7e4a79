using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Costs;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;
using static MarginBot.Engine.Tests.Books;

namespace MarginBot.Engine.Tests.Liquidation;

/// <summary>
/// The exchanges' own worked examples (read 2026-11-25; docs/formulas.md lists each with its page).
/// Published figures are rounded or truncated by the exchange, so each is compared within half of
/// its last published digit, or one tick where the exchange truncates.
/// </summary>
public class PublishedExamplesTests
{
    private static TierTable Tier(string symbol, decimal mmr, decimal amount, TierBasis basis = TierBasis.QuoteNotional) =>
        TierTable.OneTier(symbol, basis, mmr, amount, null);

    // Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts",
    // section "Example: Calculating Liquidation Price in One-way & Cross Margin mode".
    private static BookReport BinanceCrossExample() => Analyze(
        1_535_443.01m,
        [
            Linear("BTCUSDT", Side.Long, 109.488m, 32_481.98m, 20m, MarginMode.Cross),
            Linear("ETHUSDT", Side.Long, 3_683.979m, 1_456.84m, 20m, MarginMode.Cross),
        ],
        marks: new Dictionary<string, decimal> { ["BTCUSDT"] = 31_967.27m, ["ETHUSDT"] = 1_335.18m },
        tiers: new Dictionary<string, TierTable>
        {
            ["BTCUSDT"] = Tier("BTCUSDT", 0.025m, 16_300m),
            ["ETHUSDT"] = Tier("ETHUSDT", 0.10m, 135_365m),
        });

    [Fact]
    public void BinanceUsdm_CrossTwoPositions_BtcLiquidationPrice_26316_89()
    {
        var price = BinanceCrossExample().Positions[0].LiquidationPrice!.Value;

        Assert.InRange(price, 26_316.885m, 26_316.895m);
    }

    [Fact]
    public void BinanceUsdm_CrossTwoPositions_EthLiquidationPrice_1153_26()
    {
        var price = BinanceCrossExample().Positions[1].LiquidationPrice!.Value;

        Assert.InRange(price, 1_153.255m, 1_153.265m);
    }

    [Fact]
    public void BinanceUsdm_CrossTwoPositions_MaintenanceMarginAtMark()
    {
        // The FAQ carries BTC MM = 71,200.81144 and ETH MM = 356,512.508 (notional at mark × rate − amount).
        var report = BinanceCrossExample();

        Assert.Equal(71_200.81144m, Math.Round(report.Positions[0].MaintenanceMargin, 5));
        Assert.Equal(356_512.508m, Math.Round(report.Positions[1].MaintenanceMargin, 3));
    }

    // Binance FAQ, tier lookups with the 2020 BTCUSDT brackets it quotes: 0–50k 0.4%/0, 50k–250k 0.5%/50, 250k–1M 1%/1,300.
    private static readonly TierTable Binance2020Btc = new(
        "BTCUSDT",
        TierBasis.QuoteNotional,
        [
            new MarginTier(1, 0m, 50_000m, 0.004m, 0m, 125m),
            new MarginTier(2, 50_000m, 250_000m, 0.005m, 50m, 100m),
            new MarginTier(3, 250_000m, 1_000_000m, 0.01m, 1_300m, 50m),
        ],
        TierSource.Override,
        "2020 FAQ",
        TierEdge.FloorInclusive);

    [Fact]
    public void BinanceUsdm_PositionOf264000_HasMaintenanceRateOnePercent() =>
        Assert.Equal(0.01m, Binance2020Btc.At(264_000m).MaintenanceMarginRate);

    [Fact]
    public void BinanceUsdm_PositionOf500000_HasMaintenanceAmount1300AndMarginOf3700()
    {
        var tier = Binance2020Btc.At(500_000m);

        Assert.Equal(1_300m, tier.MaintenanceAmount);
        Assert.Equal(3_700m, tier.MaintenanceMargin(500_000m));   // = 50,000·0.4% + 200,000·0.5% + 250,000·1%
    }

    [Fact]
    public void BinanceUsdm_CostToOpen_InitialMargin_462_66()
    {
        // Binance FAQ "How to Calculate Cost Required to Open a Position": 1 BTC at 9,253.30, 20x → 462.66 (truncated).
        var position = Linear("BTCUSDT", Side.Long, 1m, 9_253.30m, 20m);

        Assert.Equal(462.665m, position.PositionMargin);
        Assert.Equal(462.66m, Math.Truncate(position.PositionMargin * 100m) / 100m);
    }

    [Theory]
    [InlineData(Side.Long, 5_500)]
    [InlineData(Side.Short, 4_500)]
    public void BinanceUsdm_BeginnersGuide_PnlOf500(Side side, int exit)
    {
        // Binance "A Beginner's Guide to Futures Trading": 1 BTC from 5,000 to 5,500 (long) or 4,500 (short): PNL 500.
        var pnl = ContractSpec.Linear.Pnl(side, 1m, 5_000m, exit);

        Assert.Equal(500m, pnl);
    }

    [Fact]
    public void BinanceCoinm_MaintenanceMargin_0_0016Btc()
    {
        // Binance COIN-M FAQ: 100 BTCUSD contracts (100 USD each), mark 25,000: notional 0.4 BTC, MM = 0.4 × 0.4% − 0.
        var position = new Position
        {
            Symbol = "BTCUSD", Side = Side.Long, Quantity = 100m, EntryPrice = 25_000m, Leverage = 10m,
            Contract = ContractSpec.Inverse(100m),
        };
        var report = Analyze(1m, [position], marginAsset: "BTC", tiers: new Dictionary<string, TierTable> { ["BTCUSD"] = Tier("BTCUSD", 0.004m, 0m, TierBasis.BaseNotional) });

        Assert.Equal(0.4m, report.Positions[0].Notional);
        Assert.Equal(0.0016m, report.Positions[0].MaintenanceMargin);
    }

    [Fact]
    public void BinanceCoinm_CrossLong_CalculatorOutput_33599_40()
    {
        // Binance calculator output reported on Binance's developer forum: wallet 101 BTC, 100,000
        // BTCUSD contracts long at 45,000, the 12.5% tier with maintenance amount 11.605 BTC → 33,599.40
        // (the calculator truncates to the 0.1 tick; exact 33,599.4186).
        var position = new Position
        {
            Symbol = "BTCUSD", Side = Side.Long, Quantity = 100_000m, EntryPrice = 45_000m, Leverage = 1m,
            Mode = MarginMode.Cross, Contract = ContractSpec.Inverse(100m),
        };
        var report = Analyze(101m, [position], marginAsset: "BTC", tiers: new Dictionary<string, TierTable> { ["BTCUSD"] = Tier("BTCUSD", 0.125m, 11.605m, TierBasis.BaseNotional) });

        Assert.InRange(report.Positions[0].LiquidationPrice!.Value, 33_599.40m, 33_599.50m);
    }

    [Theory]
    // Bybit help "Liquidation Price (USDT Contract)", examples 1–3, MMR 0.5%, 1 BTC at 20,000, 50x (IM 400).
    [InlineData(Side.Long, 20_000, 50, 400, 19_700)]          // example 1
    [InlineData(Side.Short, 20_000, 50, 3_400, 23_300)]       // example 2: 3,000 extra margin added
    [InlineData(Side.Long, 20_000, 50, 200, 19_900)]          // example 3: 200 of funding paid from the margin
    // The older version of the page, rate form: EP·(1 ∓ IMR ± MMR).
    [InlineData(Side.Long, 10_000, 50, 200, 9_850)]
    [InlineData(Side.Short, 8_000, 40, 200, 8_160)]
    public void BybitUsdt_Isolated_PublishedLiquidationPrices(Side side, int entry, int leverage, int margin, int expected)
    {
        var tiers = new Dictionary<string, TierTable> { ["BTCUSDT"] = Tier("BTCUSDT", 0.005m, 0m) };
        var report = Analyze(margin, [Linear("BTCUSDT", side, 1m, entry, leverage, margin: margin)], ExchangeProfile.Bybit, tiers: tiers);

        Assert.Equal(expected, report.Positions[0].LiquidationPrice);
    }

    [Fact]
    public void BybitUsdt_MaintenanceMargin_50_AndSustainableLoss_150()
    {
        // Bybit help "Maintenance Margin (USDT Contract)": 1 BTC at 10,000, 50x: IM 200, MM 50, loss of up to 150 before liquidation.
        var tiers = new Dictionary<string, TierTable> { ["BTCUSDT"] = Tier("BTCUSDT", 0.005m, 0m) };
        var report = Analyze(200m, [Linear("BTCUSDT", Side.Long, 1m, 10_000m, 50m)], ExchangeProfile.Bybit, tiers: tiers);

        var position = report.Positions[0];
        Assert.Equal(200m, position.InitialMargin);
        Assert.Equal(50m, position.MaintenanceMargin);
        Assert.Equal(150m, position.Position.EntryPrice - position.LiquidationPrice);
    }

    [Fact]
    public void BybitUsdt_BankruptcyPrice_9800()
    {
        // Bybit help "Bankruptcy Price (USDT Contract)": 1 BTC long at 10,000, 50x → 10,000 × (1 − 2%).
        var report = Analyze(200m, [Linear("BTCUSDT", Side.Long, 1m, 10_000m, 50m)], ExchangeProfile.Bybit);

        Assert.Equal(9_800m, report.Positions[0].BankruptcyPrice);
    }

    [Fact]
    public void BybitInverse_InitialMargin_0_03Btc()
    {
        // Bybit help "Initial Margin (Inverse Contract)": 12,000 BTCUSD contracts at 8,000, 50x → 12,000 / (8,000 × 50).
        var position = new Position
        {
            Symbol = "BTCUSD", Side = Side.Long, Quantity = 12_000m, EntryPrice = 8_000m, Leverage = 50m,
            Mode = MarginMode.Isolated, Contract = ContractSpec.Inverse(1m),
        };

        Assert.Equal(0.03m, position.PositionMargin);
    }

    [Theory]
    // Bybit help "P&L calculations (USDT Contract)": 0.2 long 7,000 → 7,500 = 100; 0.4 short 6,000 → 5,000 = 400.
    [InlineData(Side.Long, 0.2, 7_000, 7_500, 100)]
    [InlineData(Side.Short, 0.4, 6_000, 5_000, 400)]
    public void BybitUsdt_UnrealizedPnl(Side side, double qty, int entry, int mark, int expected)
    {
        var report = Analyze(10_000m, [Linear("BTCUSDT", side, (decimal)qty, entry, 1m)], ExchangeProfile.Bybit, marks: new Dictionary<string, decimal> { ["BTCUSDT"] = mark });

        Assert.Equal(expected, report.Positions[0].UnrealizedPnl);
    }

    [Fact]
    public void BybitUsdt_ClosedPnl_FeesOpen1_32AndClose1_10()
    {
        // Same page: 0.4 BTC short at 6,000 closed at 5,000 at 0.055%: fees 1.32 to open and 1.10 to close.
        var position = Linear("BTCUSDT", Side.Short, 0.4m, 6_000m, 1m);

        Assert.Equal(1.32m, TradeCosts.Fee(position.EntryNotional, 0.00055m));
        Assert.Equal(1.10m, TradeCosts.Fee(0.4m * 5_000m, 0.00055m));
        Assert.Equal(-(400m - 1.32m - 1.10m), TradeCosts.LossAtStop(position, 5_000m, 0.00055m));
    }

    [Fact]
    public void BybitInverse_UnrealizedPnl_0_01819Btc()
    {
        // Bybit help "P&L calculations (Inverse Contracts)": 1,000 contracts long 5,000 → 5,500 = 0.01819 BTC
        // as published (rounded up; exact 0.0181818…).
        var pnl = ContractSpec.Inverse(1m).Pnl(Side.Long, 1_000m, 5_000m, 5_500m);

        Assert.InRange(pnl, 0.018181m, 0.01819m);
    }

    [Fact]
    public void TierMaintenanceAmount_SplitBracketSum_Pionex1250()
    {
        // Pionex "Maintenance Margin": 200,000 notional in tier 2 (1%, 750) = 150,000·0.5% + 50,000·1%.
        var tier = new MarginTier(2, 150_000m, 500_000m, 0.01m, 750m, 50m);

        Assert.Equal(1_250m, tier.MaintenanceMargin(200_000m));
    }

    [Fact]
    public void BybitRiskLimit_PositionValueOf2000000_IsLevelOne()
    {
        // Bybit "Details of Risk Limit Adjustment" (stored copy): "according to the new level 1 risk
        // limit, the maximum position value a trader can hold is 2,000,000 USDT" — the risk limit
        // value belongs to its level. The bundled BTCUSDT table (2025-12-29) starts the same way.
        var table = Catalog.Resolve(ExchangeId.Bybit, ContractKind.Linear, "BTCUSDT");

        Assert.Equal(2_000_000m, table.Tiers[0].Cap);
        Assert.Equal(1, table.At(2_000_000m).Number);
        Assert.Equal(0.005m, table.At(2_000_000m).MaintenanceMarginRate);
        Assert.Equal(2, table.At(2_000_000.01m).Number);
    }

    [Fact]
    public void OkxPositionTiers_MaxSzOfTierOne_IsTierOne()
    {
        // OKX GET /api/v5/public/position-tiers, BTC-USDT swap rows as stored (docs/formulas.md):
        // tier 1 minSz 0, maxSz 1,000 contracts, mmr 0.004; tier 2 minSz 1,000.01 (one lot above).
        // At 0.01 BTC a contract, 10 BTC is tier 1's maximum and 10.0001 BTC (1,000.01) is tier 2.
        var table = Catalog.Resolve(ExchangeId.Okx, ContractKind.Linear, "BTCUSDT");

        Assert.Equal(0.004m, table.At(10m).MaintenanceMarginRate);
        Assert.Equal(0.005m, table.At(10.0001m).MaintenanceMarginRate);
    }
}
