namespace MarginBot.Tests.Cli;

public sealed class PortfolioRiskTests : IDisposable
{
    private readonly RiskCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Portfolio_RiskFields_WarningsInJsonWithFigures()
    {
        var book = _cli.ArticleWith("\"trader\": { \"liquidatedBefore\": true }, \"stops\": { \"ETHUSDT\": { \"price\": 2800, \"trigger\": \"mark\" }, \"BTCUSDT\": 61000 }, \"holdHours\": 24, \"fundingRate\": 0.0001");

        Assert.Equal(0, _cli.Run("portfolio", book, "--json"));

        var warnings = _cli.Json().GetProperty("warnings").EnumerateArray().ToList();
        var codes = warnings.Select(w => w.GetProperty("code").GetString()).ToList();
        Assert.Contains("cross-while-new", codes);
        Assert.Contains("stop-beyond-liquidation", codes);
        Assert.Contains("stop-on-last-price", codes);
        Assert.DoesNotContain("no-stop-loss", codes);
        // The BTC short's cross LP (about 60,810) also lies before its 61,000 stop.
        var stop = warnings.Single(w => w.GetProperty("code").GetString() == "stop-beyond-liquidation" && w.GetProperty("symbol").GetString() == "ETHUSDT");
        Assert.Equal("danger", stop.GetProperty("severity").GetString());
        Assert.Equal(2800m, stop.GetProperty("figures").GetProperty("stop").GetDecimal());
    }

    [Fact]
    public void Portfolio_NoRiskFields_NoStopChecksButIdleFundsShown()
    {
        var book = _cli.Write("book.json", RiskCli.ArticleBook);

        Assert.Equal(0, _cli.Run("portfolio", book));

        Assert.Contains("liquidation fuel", _cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("stop-loss", _cli.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"stops\": { \"ETHUSDT\": -1 }", "error: stops.ETHUSDT")]
    [InlineData("\"stops\": { \"ETHUSDT\": { \"price\": 2800, \"trigger\": \"index\" } }", "error: stops.ETHUSDT.trigger")]
    [InlineData("\"trader\": { \"newToFutures\": \"maybe\" }", "error: trader.newToFutures")]
    [InlineData("\"fundingRate\": 1", "error: fundingRate")]
    public void Portfolio_BadRiskField_Exit2NamingIt(string fields, string expected)
    {
        var book = _cli.ArticleWith(fields);

        Assert.Equal(2, _cli.Run("portfolio", book));

        Assert.StartsWith(expected, _cli.Error, StringComparison.Ordinal);
    }
}
