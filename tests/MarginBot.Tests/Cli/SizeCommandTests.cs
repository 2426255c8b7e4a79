namespace MarginBot.Tests.Cli;

public sealed class SizeCommandTests : IDisposable
{
    private readonly RiskCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Size_ArticleSolRisk150_JsonQuantityAndLeverage()
    {
        Assert.Equal(0, _cli.Run("size", "--symbol", "SOLUSDT", "--side", "long", "--entry", "150", "--stop", "140", "--risk", "150", "--wallet", "1000", "--json"));

        var json = _cli.Json();
        Assert.Equal(150m / 10.145m, json.GetProperty("qty").GetDecimal());
        Assert.True(json.GetProperty("stopShareOfWay").GetDecimal() <= 0.8m);
        Assert.True(json.GetProperty("maxLeverage").GetDecimal() >= 1m);
        Assert.True(json.GetProperty("crossLossAtLiquidation").GetDecimal() > 750m);
    }

    [Fact]
    public void Size_Human_ShowsLeverageAndCrossNote()
    {
        Assert.Equal(0, _cli.Run("size", "--symbol", "sol", "--side", "long", "--entry", "150", "--stop", "140", "--risk", "150", "--wallet", "1000"));

        Assert.Contains("Highest leverage", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("not 150 USDT", _cli.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--stop", "160", "error: --stop")]
    [InlineData("--risk", "0", "error: --risk")]
    [InlineData("--buffer", "1.5", "error: --buffer")]
    public void Size_BadInput_Exit2NamingTheField(string option, string value, string expected)
    {
        var args = new Dictionary<string, string> { ["--symbol"] = "SOLUSDT", ["--side"] = "long", ["--entry"] = "150", ["--stop"] = "140", ["--risk"] = "150" };
        args[option] = value;

        string[] line = ["size", .. args.SelectMany(a => (string[])[a.Key, a.Value])];

        Assert.Equal(2, _cli.Run(line));

        Assert.StartsWith(expected, _cli.Error, StringComparison.Ordinal);
    }
}
