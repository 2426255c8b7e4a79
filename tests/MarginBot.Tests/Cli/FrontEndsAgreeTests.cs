using System.Globalization;
using System.Text.RegularExpressions;
using MarginBot.Chat;
using MarginBot.Conversations.Chat;

namespace MarginBot.Tests.Cli;

/// <summary>
/// The chat and the command line answer the same question with the same numbers and sentences:
/// both call the same use cases, so a table of inputs typed both ways must agree.
/// </summary>
public sealed partial class FrontEndsAgreeTests : IDisposable
{
    private readonly RiskCli _cli = new();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-agree-");

    public void Dispose()
    {
        _cli.Dispose();
        _folder.Delete(recursive: true);
    }

    [Theory]
    [InlineData("/liq btc long 60000 10x", "--symbol btc --side long --entry 60000 --leverage 10")]
    [InlineData("/liq btc short 60000 25x 0.5 btc", "--symbol btc --side short --entry 60000 --leverage 25 --qty 0.5")]
    [InlineData("/liq eth long 3000 20x 40 eth bybit", "--symbol eth --side long --entry 3000 --leverage 20 --qty 40 --exchange bybit")]
    [InlineData("/liq btc long 60000 20x 10 btc okx", "--symbol btc --side long --entry 60000 --leverage 20 --qty 10 --exchange okx")]
    [InlineData("/liq btc short 60000 20x 50 btc okx", "--symbol btc --side short --entry 60000 --leverage 20 --qty 50 --exchange okx")]
    [InlineData("/liq sol long 150 10x cross 20 sol wallet 1000", "--symbol sol --side long --entry 150 --leverage 10 --qty 20 --mode cross --wallet 1000")]
    public void Liq_ChatAndCli_SameLiquidationPrice(string chatLine, string cliArgs)
    {
        var chat = Chat(chatLine);
        Assert.Equal(0, _cli.Run(["liq", .. cliArgs.Split(' ')]));

        var chatPrice = LiquidationPriceInChat().Match(chat);
        var cliPrice = LiquidationPriceInCli().Match(_cli.Output);
        Assert.True(chatPrice.Success, chat);
        Assert.True(cliPrice.Success, _cli.Output);
        Assert.Equal(cliPrice.Groups[1].Value, chatPrice.Groups[1].Value);
    }

    [Theory]
    [InlineData("/size sol long 150 stop 140 risk 150", "--symbol sol --side long --entry 150 --stop 140 --risk 150")]
    [InlineData("/size btc short 60000 stop 61500 risk 300 bybit", "--symbol btc --side short --entry 60000 --stop 61500 --risk 300 --exchange bybit")]
    public void Size_ChatAndCli_SameQuantityAndLeverage(string chatLine, string cliArgs)
    {
        var chat = Chat(chatLine);
        Assert.Equal(0, _cli.Run(["size", .. cliArgs.Split(' '), "--json"]));
        var json = _cli.Json();

        var quantity = json.GetProperty("qty").GetDecimal();
        var leverage = json.GetProperty("maxLeverage").GetDecimal();
        Assert.Contains("Size: " + quantity.ToString("#,0.########", CultureInfo.InvariantCulture), chat, StringComparison.Ordinal);
        Assert.Contains(leverage.ToString("0", CultureInfo.InvariantCulture) + "x isolated", chat, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_ChatAndCli_SameWarnings()
    {
        var chat = Chat("/size sol long 150 stop 140 risk 150");
        Assert.Equal(0, _cli.Run("size", "--symbol", "sol", "--side", "long", "--entry", "150", "--stop", "140", "--risk", "150"));

        var warnings = _cli.Output.Split('\n').Where(line => line.StartsWith('[')).Select(line => line[(line.IndexOf(']', StringComparison.Ordinal) + 2)..].TrimEnd()).ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, warning => Assert.Contains(warning, chat, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("eth -10%", "ETHUSDT=-10%")]   // a gain: isolated saves nothing (the CLI once said 'capped it at')
    [InlineData("eth 3400", "ETHUSDT=3400")]
    [InlineData("btc +8%", "BTCUSDT=+8%")]
    public void Compare_ChatAndCli_SameSentence(string chatMove, string cliMove)
    {
        var chat = Chat("/wallet 1000", "/open eth short 3000 2 10x cross", "/open btc long 60000 0.05 20x cross", "/compare " + chatMove);
        var book = _cli.Write("book.json", """
            { "wallet": 1000, "positions": [
                { "symbol": "ETHUSDT", "side": "short", "qty": 2, "entry": 3000, "leverage": 10, "mode": "cross" },
                { "symbol": "BTCUSDT", "side": "long", "qty": 0.05, "entry": 60000, "leverage": 20, "mode": "cross" } ] }
            """);
        Assert.Equal(0, _cli.Run("whatif", book, "--move", cliMove));

        var sentence = _cli.Output.Split('\n').Single(line => line.StartsWith("In cross this", StringComparison.Ordinal)).TrimEnd();
        Assert.Contains(sentence, chat, StringComparison.Ordinal);
    }

    private string Chat(params string[] lines)
    {
        var path = Path.Combine(_folder.FullName, Guid.NewGuid().ToString("N"), "chat.db");
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var code = ConsoleChat.Run(new AppSettings(path, new ConversationOptions()), new StringReader(string.Join('\n', lines) + "\n/quit\n"), output, charts: new NoCharts());
        Assert.Equal(0, code);
        return output.ToString();
    }

    [GeneratedRegex(@"liquidation price:? (?:<b>)?(\d{1,3}(?:,\d{3})*(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex LiquidationPriceInChat();

    [GeneratedRegex(@"Liquidation price\s+(\d{1,3}(?:,\d{3})*(?:\.\d+)?)")]
    private static partial Regex LiquidationPriceInCli();

    private sealed class NoCharts : MarginBot.Conversations.Charts.IChartRenderer
    {
        public byte[] RenderPng(MarginBot.Conversations.Charts.ChartSpec chart) => [];
    }
}
