using System.Globalization;
using System.Text.Json;
using MarginBot.Cli;

namespace MarginBot.Tests.Cli;

public class LiqAndPortfolioCliTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = CliApp.Run(args, output, error, () => new MarginBot.Conversations.Market.OfflineMarketData());  // tests never reach an exchange
        return (exit, output.ToString(), error.ToString());
    }

    private static string WriteTemp(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"marginbot-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Liq_Json_AnswersWithTheContractShape()
    {
        var (exit, output, _) = Run("liq", "--symbol", "BTCUSDT", "--side", "long", "--entry", "60000", "--leverage", "10", "--qty", "0.5", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var position = json.RootElement.GetProperty("positions")[0];
        Assert.Equal(27_000m / 0.498m, position.GetProperty("liquidationPrice").GetDecimal());
        Assert.Equal(1, position.GetProperty("tier").GetInt32());
        Assert.Equal("binance", json.RootElement.GetProperty("exchange").GetString());
        Assert.Equal(3_000m, json.RootElement.GetProperty("account").GetProperty("wallet").GetDecimal());
    }

    [Fact]
    public void Liq_NoSize_AnswersAtFirstTierAndSaysSo()
    {
        var (exit, output, _) = Run("liq", "--symbol", "btc", "--side", "long", "--entry", "60k", "--leverage", "10");

        Assert.Equal(0, exit);
        Assert.Contains("54,216.87", output, StringComparison.Ordinal);
        Assert.Contains("tier 1 assumed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Liq_NoLiquidationPrice_IsNullInJson()
    {
        var (exit, output, _) = Run("liq", "--symbol", "BTCUSDT", "--side", "long", "--entry", "60000", "--leverage", "1", "--qty", "0.1", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("positions")[0].GetProperty("liquidationPrice").ValueKind);
    }

    [Theory]
    [InlineData("--leverage", "0", "--leverage")]
    [InlineData("--leverage", "150", "--leverage")]      // BTCUSDT tier 1 allows 125x
    [InlineData("--entry", "-5", "--entry")]
    [InlineData("--entry", "abc", "--entry")]
    [InlineData("--symbol", "NOTACOIN", "--symbol")]
    [InlineData("--exchange", "kraken", "--exchange")]
    [InlineData("--side", "up", "--side")]
    public void Liq_BadInput_ExitsTwoNamingTheField(string option, string value, string field)
    {
        var args = new Dictionary<string, string>
        {
            ["--symbol"] = "BTCUSDT", ["--side"] = "long", ["--entry"] = "60000", ["--leverage"] = "10",
        };
        args[option] = value;

        var (exit, output, error) = Run(["liq", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith($"error: {field}:", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Liq_MissingEntry_NamesIt()
    {
        var (exit, _, error) = Run("liq", "--symbol", "BTCUSDT", "--side", "long", "--leverage", "10");

        Assert.Equal(2, exit);
        Assert.Contains("--entry: missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Portfolio_ExampleBook_AnswersAccountAndPositions()
    {
        var path = WriteTemp("""
            { "wallet": 10000, "marks": { "BTCUSDT": 61000 },
              "tiers": { "BTCUSDT": [ { "floor": 0, "cap": null, "mmr": 0.004, "maintenanceAmount": 0 } ] },
              "positions": [
                { "symbol": "BTCUSDT", "side": "long", "qty": 0.5, "entry": 60000, "leverage": 10, "mode": "cross" },
                { "symbol": "ETHUSDT", "side": "short", "qty": 2, "entry": 3000, "mode": "isolated", "margin": 600 } ] }
            """);

        var (exit, output, _) = Run("portfolio", path, "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var account = json.RootElement.GetProperty("account");
        Assert.Equal(9_400m, account.GetProperty("crossWallet").GetDecimal());
        Assert.Equal(6_350m, account.GetProperty("idleFunds").GetDecimal());
        Assert.Equal(2, json.RootElement.GetProperty("positions").GetArrayLength());
    }

    [Theory]
    [InlineData("{ \"wallet\": 100, \"positions\": [ { \"symbol\": \"BTCUSDT\", \"side\": \"long\", \"qty\": 1, \"entry\": -5, \"leverage\": 10 } ] }", "positions[0].entry")]
    [InlineData("{ \"positions\": [] }", "wallet")]
    [InlineData("{ \"wallet\": 100, \"positions\": [ { \"symbol\": \"BTCUSDT\", \"side\": \"long\", \"qty\": 1, \"entry\": 60000 } ] }", "positions[0].leverage")]
    [InlineData("{ \"wallet\": 100, \"positions\": [ { \"symbol\": \"BTCUSDT\", \"side\": \"long\", \"qty\": 0.1, \"entry\": 60000, \"leverage\": 10 }, { \"symbol\": \"btc\", \"side\": \"short\", \"qty\": 0.1, \"entry\": 60000, \"leverage\": 10 } ] }", "positions[1].symbol")]
    [InlineData("{ \"wallet\": 100, \"exchange\": \"ftx\", \"positions\": [] }", "exchange")]
    [InlineData("{ \"wallet\": 100, \"positions\": [ ", "file")]
    public void Portfolio_BadInput_ExitsTwoNamingTheField(string content, string field)
    {
        var (exit, _, error) = Run("portfolio", WriteTemp(content));

        Assert.Equal(2, exit);
        Assert.StartsWith($"error: {field}:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Portfolio_MissingFile_ExitsTwo()
    {
        var (exit, _, error) = Run("portfolio", "/nonexistent/book.json");

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("liq", "--leverage")]
    [InlineData("portfolio", "<FILE>")]
    [InlineData("whatif", "--move")]
    [InlineData("size", "--stop")]
    [InlineData("mode", "--answers")]
    [InlineData("replay", "<FILE>")]
    public void VerbHelp_PrintsThatVerbsUsageAndExitsZero(string verb, string usagePart)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var (exit, output, error) = Run(verb, flag);

            Assert.Equal(0, exit);
            Assert.Equal("", error);
            Assert.Contains($"MarginBot {verb}", output, StringComparison.Ordinal);
            Assert.Contains(usagePart, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("liq", "--symbl", "did you mean --symbol?")]
    [InlineData("size", "--stp", "did you mean --stop?")]
    [InlineData("whatif", "--mov", "did you mean --move?")]
    [InlineData("liq", "--frobnicate", "unknown option; expected one of --contract-size")]
    public void Verb_MistypedOption_OneLineWithTheOptionItMeant(string verb, string typo, string expected)
    {
        var (exit, _, error) = Run(verb, typo, "1");

        Assert.Equal(2, exit);
        Assert.StartsWith($"error: {typo}: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void UnknownVerb_SuggestsTheNearestVerb()
    {
        Assert.Equal("unknown verb 'lq'; did you mean liq? (expected liq, portfolio, whatif, size, mode, replay or --help)", CliApp.UnknownVerb("lq"));
    }

    [Fact]
    public void Portfolio_TierTableEndingAtFiftyPercent_AsTheExchangesPublishIt_IsAccepted()
    {
        // Binance BTCUSDT's last bracket (and every bundled Binance table's) is 50%.
        var path = WriteTemp("""
            { "wallet": 10000, "tiers": { "BTCUSDT": [ { "floor": 0, "cap": 1000000, "mmr": 0.004 },
                                                        { "floor": 1000000, "mmr": 0.5, "maintenanceAmount": 496000 } ] },
              "positions": [ { "symbol": "BTCUSDT", "side": "long", "qty": 1, "entry": 60000, "mode": "isolated", "leverage": 10 } ] }
            """);

        var (exit, output, error) = Run("portfolio", path, "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(54_000m / 0.996m, json.RootElement.GetProperty("positions")[0].GetProperty("liquidationPrice").GetDecimal());
    }

    [Theory]
    [InlineData("0.5", 0)]
    [InlineData("0.99", 0)]
    [InlineData("1", 2)]
    public void Liq_Mmr_AcceptedBelowOne(string mmr, int expectedExit)
    {
        var (exit, _, error) = Run("liq", "--symbol", "BTCUSDT", "--side", "long", "--entry", "60000", "--leverage", "1", "--qty", "1", "--mmr", mmr);

        Assert.Equal(expectedExit, exit);
        if (expectedExit == 2)
        {
            Assert.StartsWith("error: --mmr: expected a maintenance margin rate as a fraction below 1", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Portfolio_IsolatedMarginAboveItsNotional_NoLeverageGiven_AnswersNoLiquidationPrice()
    {
        // 0.1 BTC at 60,000 is 6,000 of notional held by 7,000 of margin: opened at 1x with margin added.
        var path = WriteTemp("""
            { "wallet": 10000, "positions": [ { "symbol": "BTCUSDT", "side": "long", "qty": 0.1, "entry": 60000, "mode": "isolated", "margin": 7000 } ] }
            """);

        var (exit, output, error) = Run("portfolio", path, "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var position = json.RootElement.GetProperty("positions")[0];
        Assert.Equal(JsonValueKind.Null, position.GetProperty("liquidationPrice").ValueKind);
        Assert.Equal(1m, position.GetProperty("leverage").GetDecimal());
    }

    [Fact]
    public void Portfolio_IsolatedMarginBelowTheMostLeverageAllows_NamesTheMargin()
    {
        var path = WriteTemp("""
            { "wallet": 10000, "positions": [ { "symbol": "BTCUSDT", "side": "long", "qty": 1, "entry": 60000, "mode": "isolated", "margin": 10 } ] }
            """);

        var (exit, _, error) = Run("portfolio", path);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: positions[0].margin: expected at least 300", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Portfolio_OkxCoinMarginedIsolatedShort_HasALiquidationPriceBelowBankruptcy()
    {
        var path = WriteTemp("""
            {"exchange":"okx","marginAsset":"BTC","wallet":1,"fees":{"taker":0.0005},"tiers":{"BTCUSD":[{"mmr":0.01}]},
             "positions":[{"symbol":"BTCUSD","side":"short","qty":2000,"entry":60000,"mode":"isolated","leverage":10,"contract":"inverse","contractSize":100}]}
            """);

        var (exit, output, error) = Run("portfolio", path, "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var position = json.RootElement.GetProperty("positions")[0];
        // OKX: margin + PnL = (MMR + taker)·Q·CM/P → P = 200,000·(0.0105 − 1) / (1/3 − 10/3).
        Assert.Equal(200_000m * (0.0105m - 1m) / ((200_000m / 60_000m / 10m) - (200_000m / 60_000m)), position.GetProperty("liquidationPrice").GetDecimal(), 8);
        Assert.True(position.GetProperty("liquidationPrice").GetDecimal() < position.GetProperty("bankruptcyPrice").GetDecimal());
    }
}
