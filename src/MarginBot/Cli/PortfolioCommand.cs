using MarginBot.Conversations.Books;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Tiers;

namespace MarginBot.Cli;

/// <summary><c>portfolio FILE.json</c>: every position and the account of a book.</summary>
internal static class PortfolioCommand
{
    public static int Run(CliArgs cli, TierCatalog catalog, TextWriter output)
    {
        var book = ReadBook(cli, catalog);
        var report = BookAnalyzer.Analyze(book);
        var risk = RiskFile.ExtraFindings(book, report, cli.Positional[0]);
        output.Write(cli.Flag("json")
            ? ReportJson.Write(report, risk) + Environment.NewLine
            : ReportTable.Write(report, book.MarginAsset, risk, []));
        return 0;
    }

    /// <summary>Reads the book named by the one positional argument.</summary>
    internal static Book ReadBook(CliArgs cli, TierCatalog catalog)
    {
        if (cli.Positional.Count != 1)
        {
            throw new InputException("FILE", "expected exactly one portfolio file, such as book.json");
        }

        var path = cli.Positional[0];
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(path, "expected a readable portfolio file; " + e.GetType().Name switch
            {
                nameof(FileNotFoundException) => "it does not exist",
                nameof(DirectoryNotFoundException) => "its folder does not exist",
                nameof(UnauthorizedAccessException) => "permission denied",
                _ => "it could not be read",
            });
        }

        return PortfolioFile.Parse(json, catalog);
    }
}
