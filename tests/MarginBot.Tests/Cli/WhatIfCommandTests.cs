namespace MarginBot.Tests.Cli;

public sealed class WhatIfCommandTests : IDisposable
{
    private readonly RiskCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void WhatIf_ArticleEthWickJson_BothClosedInCrossOnlyEthIsolated()
    {
        var book = _cli.Write("book.json", RiskCli.ArticleBook);

        Assert.Equal(0, _cli.Run("whatif", book, "--move", "ETHUSDT=2870", "--json"));

        var json = _cli.Json();
        Assert.Equal("all", json.GetProperty("model").GetString());
        var events = json.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["ETHUSDT", "BTCUSDT"], events.Select(e => e.GetProperty("symbol").GetString()));
        Assert.Equal("cross", events[0].GetProperty("mode").GetString());
        Assert.Equal(59600m, events[1].GetProperty("price").GetDecimal());
        Assert.Equal(-37.02m, events[1].GetProperty("loss").GetDecimal());
        foreach (var name in new[] { "movePct", "walletAfter", "equityAfter", "side" })
        {
            Assert.True(events[0].TryGetProperty(name, out _), name);
        }

        var end = json.GetProperty("end");
        Assert.Equal(0, end.GetProperty("positionsLeft").GetInt32());
        Assert.Equal(end.GetProperty("wallet").GetDecimal(), 500m - end.GetProperty("totalLoss").GetDecimal());
        var comparison = json.GetProperty("comparison");
        Assert.Equal(2, comparison.GetProperty("cross").GetProperty("liquidated").GetArrayLength());
        Assert.Equal("ETHUSDT", comparison.GetProperty("isolated").GetProperty("liquidated")[0].GetString());
        Assert.True(comparison.GetProperty("isolated").TryGetProperty("totalLoss", out _));
    }

    [Fact]
    public void WhatIf_LargestLossModel_OnlyEthClosed()
    {
        var book = _cli.Write("book.json", RiskCli.ArticleBook);

        Assert.Equal(0, _cli.Run("whatif", book, "--move", "ETHUSDT=2870", "--model", "largest-loss", "--json"));

        Assert.Equal("largest-loss", _cli.Json().GetProperty("model").GetString());
        Assert.Equal(1, _cli.Json().GetProperty("events").GetArrayLength());
        Assert.Equal(1, _cli.Json().GetProperty("end").GetProperty("positionsLeft").GetInt32());
    }

    [Fact]
    public void WhatIf_HumanAnswer_SaysModelAndTheComparisonSentence()
    {
        var book = _cli.Write("book.json", RiskCli.ArticleBook);

        Assert.Equal(0, _cli.Run("whatif", book, "--move", "ETHUSDT=2870"));

        Assert.Contains("whole cross book is closed", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("In cross this wick costs you 133.04 USDT of your 500 USDT wallet and also closes your BTC short; isolated would have capped it at", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_AllAndPath_Walk()
    {
        var book = _cli.Write("book.json", RiskCli.ArticleBook);
        var path = _cli.Write("path.txt", "# a wick and back\nETHUSDT=-5%\nall=0%\n");

        Assert.Equal(0, _cli.Run("whatif", book, "--all", "-1%", "--json"));
        Assert.Equal(0, _cli.Json().GetProperty("events").GetArrayLength());
        Assert.Equal(0, _cli.Run("whatif", book, "--path", path, "--steps", "50", "--json"));
        Assert.Equal(2, _cli.Json().GetProperty("events").GetArrayLength());
        Assert.Equal(100, _cli.Json().GetProperty("fineSteps").GetInt32());
    }

    [Fact]
    public void WhatIf_WarningsFromRiskFields_InJsonAndTable()
    {
        var book = _cli.ArticleWith("\"trader\": { \"newToFutures\": true }, \"stops\": { \"ETHUSDT\": 2800 }");

        Assert.Equal(0, _cli.Run("whatif", book, "--move", "ETHUSDT=2870", "--json"));
        var codes = _cli.Json().GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToList();
        Assert.Contains("cross-while-new", codes);
        Assert.Contains("stop-beyond-liquidation", codes);
        Assert.Contains("no-stop-loss", codes);
        Assert.Contains("cross-idle-funds", codes);

        Assert.Equal(0, _cli.Run("whatif", book, "--move", "ETHUSDT=2870"));
        Assert.Contains("[danger] ETHUSDT: the stop 2,800 is at or beyond the liquidation price", _cli.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--move", "DOGEUSDT=-10%", "--move")]
    [InlineData("--move", "ETHUSDT", "--move")]
    [InlineData("--all", "-150%", "--all")]
    [InlineData("--all", "-10", "--all")]
    public void WhatIf_BadInput_Exit2NamingTheField(string option, string value, string field)
    {
        var book = _cli.Write("book.json", RiskCli.ArticleBook);
        Assert.Equal(2, _cli.Run("whatif", book, option, value));

        Assert.StartsWith("error: " + field, _cli.Error, StringComparison.Ordinal);
        Assert.Single(_cli.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void WhatIf_NoMoveGiven_Exit2NamingMove()
    {
        var book = _cli.Write("book.json", RiskCli.ArticleBook);

        Assert.Equal(2, _cli.Run("whatif", book, "--json"));

        Assert.StartsWith("error: --move: expected exactly one of", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_BadModelWithMove_Exit2NamingModel()
    {
        var book = _cli.Write("book.json", RiskCli.ArticleBook);

        Assert.Equal(2, _cli.Run("whatif", book, "--move", "ETHUSDT=-5%", "--model", "partial"));

        Assert.StartsWith("error: --model", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_BadPathLine_Exit2NamingFileAndLine()
    {
        var book = _cli.Write("book.json", RiskCli.ArticleBook);
        var path = _cli.Write("path.txt", "ETHUSDT=-5%\nETHUSDT=lots\n");

        Assert.Equal(2, _cli.Run("whatif", book, "--path", path));

        Assert.Contains("path.txt:2", _cli.Error, StringComparison.Ordinal);
    }
}

public sealed class WhatIfIsolatedMarginTests : IDisposable
{
    private readonly RiskCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void WhatIf_GivenIsolatedMargins_SentenceCapsAtIsolatedCost()
    {
        var book = _cli.Write("book.json", RiskCli.ArticleBook);

        Assert.Equal(0, _cli.Run("whatif", book, "--move", "ETHUSDT=2870", "--isolated-margin", "ETHUSDT=300", "--isolated-margin=BTCUSDT=150"));

        Assert.Contains("also closes your BTC short; isolated would have capped it at 36.77 USDT.", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_IsolatedMarginForUnknownSymbol_Exit2()
    {
        var book = _cli.Write("book.json", RiskCli.ArticleBook);

        Assert.Equal(2, _cli.Run("whatif", book, "--all", "-5%", "--isolated-margin", "SOLUSDT=100"));

        Assert.StartsWith("error: --isolated-margin", _cli.Error, StringComparison.Ordinal);
    }
}
