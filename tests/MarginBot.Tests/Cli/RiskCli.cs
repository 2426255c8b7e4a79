using System.Text.Json;
using MarginBot.Cli;

namespace MarginBot.Tests.Cli;

/// <summary>Runs the CLI in-process and keeps its output; writes portfolio files to a temp folder.</summary>
internal sealed class RiskCli : IDisposable
{
    public const string ArticleBook = """
        {
          "wallet": 500,
          "marks": { "ETHUSDT": 2940, "BTCUSDT": 59600 },
          "positions": [
            { "symbol": "ETHUSDT", "side": "long", "qty": 2, "entry": 3000, "leverage": 25, "mode": "cross" },
            { "symbol": "BTCUSDT", "side": "short", "qty": 0.1, "entry": 60000, "leverage": 25, "mode": "cross" }
          ],
          "tiers": {
            "ETHUSDT": [ { "floor": 0, "mmr": 0.025 } ],
            "BTCUSDT": [ { "floor": 0, "mmr": 0.025 } ]
          }
        }
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-risk-");

    public string Output { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The article's cascade book with extra top-level JSON fields spliced in.</summary>
    public string ArticleWith(string extraFields) =>
        Write("book.json", ArticleBook.TrimEnd().TrimEnd('}') + "," + extraFields + "}");

    public int Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error, () => new MarginBot.Conversations.Market.OfflineMarketData());  // tests never reach an exchange
        Output = output.ToString();
        Error = error.ToString();
        return code;
    }

    public JsonElement Json() => JsonDocument.Parse(Output).RootElement;

    public void Dispose() => _folder.Delete(recursive: true);
}
