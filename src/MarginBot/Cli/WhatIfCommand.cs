using System.Globalization;
using System.Text;
using System.Text.Json;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Risk;
using MarginBot.Engine.Tiers;
using MarginBot.Engine.Warnings;

namespace MarginBot.Cli;

/// <summary>
/// <c>whatif FILE.json (--move BTCUSDT=-10% ... | --all -10% | --path FILE) [--model all|largest-loss] [--steps N]
/// [--isolated-margin ETHUSDT=300 ...] [--json]</c>:
/// the liquidation cascade of a move, and the same move in all-cross and all-isolated.
/// </summary>
internal static class WhatIfCommand
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };
    private static readonly string[] EventHeader = ["#", "Symbol", "Side", "Mode", "Price", "Move", "Loss", "Wallet after", "Equity after"];
    private static readonly bool[] EventAlignment = [true, false, false, false, true, true, true, true, true];
    private const string MoveExample = "--move ETHUSDT=-10%, --move ETHUSDT=2900 or --all -15%";

    public static int Run(CliArgs cli, TierCatalog catalog, TextWriter output)
    {
        var moves = cli.Values("move");
        var marginTexts = cli.Values("isolated-margin");
        var book = PortfolioCommand.ReadBook(cli, catalog);
        var symbols = book.Positions.Select(p => p.Symbol).ToHashSet(StringComparer.Ordinal);
        var given = (moves.Count > 0 ? 1 : 0) + (cli.Has("all") ? 1 : 0) + (cli.Has("path") ? 1 : 0);
        if (given != 1)
        {
            throw new InputException("--move", "expected exactly one of --move SYMBOL=-10% (repeatable), --all -10% or --path FILE");
        }

        var marks = book.Positions.GroupBy(p => p.Symbol, StringComparer.Ordinal).ToDictionary(g => g.Key, g => book.MarkOf(g.First()), StringComparer.Ordinal);
        var scenario = cli.Text("path") is { } path ? ReadPath(path, marks) : Moves(moves, cli.Text("all"), marks);

        var model = cli.Text("model") switch
        {
            null or "all" => CascadeModel.WholeCrossBook,
            "largest-loss" => CascadeModel.LargestLossFirst,
            var other => throw new InputException("--model", $"expected all or largest-loss, got '{other}'"),
        };
        var steps = 200;
        if (cli.Positive("steps", "fine steps per leg") is { } stepsValue)
        {
            steps = stepsValue is >= 1m and <= 100_000m && stepsValue == Math.Floor(stepsValue)
                ? (int)stepsValue
                : throw new InputException("--steps", "expected a whole number from 1 to 100000");
        }

        var options = new CascadeOptions { Model = model, StepsPerLeg = steps };
        var result = WhatIf.Run(book, scenario, options);
        var comparison = ModeComparer.Compare(book, scenario, options, IsolatedMargins(marginTexts, symbols));
        var report = BookAnalyzer.Analyze(book);
        var findings = report.Findings.Concat(RiskFile.ExtraFindings(book, report, cli.Positional[0])).ToList();
        output.Write(cli.Flag("json")
            ? Json(result, comparison, findings) + Environment.NewLine
            : Human(book, result, comparison, findings));
        return 0;
    }

    private static Dictionary<string, decimal>? IsolatedMargins(IReadOnlyList<string> values, HashSet<string> symbols)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var margins = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var parts = value.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !Symbols.TryNormalize(parts[0], out var symbol, out _) || !symbols.Contains(symbol))
            {
                throw new InputException("--isolated-margin", $"expected SYMBOL=AMOUNT for a symbol of the portfolio, such as ETHUSDT=300, got '{value}'");
            }

            margins[symbol] = Numbers.TryParse(parts[1], out var amount) && amount > 0
                ? amount
                : throw new InputException("--isolated-margin", $"expected a positive margin for {symbol}, got '{parts[1]}'");
        }

        return margins;
    }

    /// <summary>The chat's move grammar, which reads SYMBOL=VALUE as the command line writes it.</summary>
    private static MoveScenario Moves(IReadOnlyList<string> moves, string? all, IReadOnlyDictionary<string, decimal> marks)
    {
        var field = moves.Count > 0 ? "--move" : "--all";
        var text = moves.Count > 0 ? string.Join(' ', moves) : EveryCoin(all!, field);
        try
        {
            return BookMove.Parse(text, marks, MoveExample).Scenario;
        }
        catch (InputException e)
        {
            throw Within(field, e);
        }
    }

    /// <summary>A problem the move grammar found in one token, named under the option that held it.</summary>
    private static InputException Within(string field, InputException e) => new(field, $"{e.Problem.Field}: expected {e.Problem.Expected}");

    /// <summary>A move of every coin: a percentage only (a price needs its coin).</summary>
    private static string EveryCoin(string value, string field) =>
        value.TrimEnd().EndsWith('%') ? "all " + value : throw new InputException(field, $"expected a percentage such as -10%, got '{value}'");

    private static MoveScenario ReadPath(string path, IReadOnlyDictionary<string, decimal> marks)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException("--path", $"expected a readable path file; '{path}' could not be read");
        }

        var steps = new List<MoveStep>();
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            // One step a line, in the move grammar; "all=-5%" moves every coin.
            var field = $"{path}:{n + 1}";
            var tokens = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries)
                .Select(t => t.StartsWith("all=", StringComparison.OrdinalIgnoreCase) ? EveryCoin(t[4..], field) : t);
            try
            {
                steps.AddRange(BookMove.Parse(string.Join(' ', tokens), marks, MoveExample).Scenario.Steps);
            }
            catch (InputException e)
            {
                throw Within(field, e);
            }
        }

        return steps.Count > 0
            ? new MoveScenario(steps)
            : throw new InputException("--path", "expected at least one step, one per line, such as BTCUSDT=-5% ETHUSDT=-8% or all=-5%");
    }

    private static string ModelName(CascadeModel model) => model == CascadeModel.WholeCrossBook ? "all" : "largest-loss";

    private static string Json(CascadeResult result, ModeComparison comparison, IEnumerable<Finding> findings)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("model", ModelName(result.Model));
            json.WriteStartArray("events");
            foreach (var e in result.Events)
            {
                json.WriteStartObject();
                json.WriteString("symbol", e.Position.Symbol);
                json.WriteString("side", Words.Of(e.Position.Side));
                json.WriteString("mode", Words.Of(e.Position.Mode));
                json.WriteNumber("price", ReportJson.Normalize(e.Price));
                json.WriteNumber("movePct", ReportJson.Normalize(e.MovePct));
                json.WriteNumber("loss", ReportJson.Normalize(e.Loss));
                json.WriteNumber("fee", ReportJson.Normalize(e.Fee));
                json.WriteNumber("walletAfter", ReportJson.Normalize(e.WalletAfter));
                json.WriteNumber("equityAfter", ReportJson.Normalize(e.EquityAfter));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("end");
            json.WriteNumber("wallet", ReportJson.Normalize(result.End.WalletBalance));
            json.WriteNumber("equity", ReportJson.Normalize(result.End.Equity));
            json.WriteNumber("totalLoss", ReportJson.Normalize(result.End.TotalLoss));
            json.WriteNumber("positionsLeft", result.End.PositionsLeft.Count);
            json.WriteEndObject();
            json.WriteStartObject("comparison");
            Outcome(json, "cross", comparison.Cross);
            Outcome(json, "isolated", comparison.Isolated);
            json.WriteBoolean("isolatedMarginsExceedWallet", comparison.IsolatedMarginsExceedWallet);
            json.WriteEndObject();
            json.WriteNumber("fineSteps", result.FineSteps);
            ReportJson.WriteFindings(json, "warnings", findings);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Outcome(Utf8JsonWriter json, string name, ModeOutcome outcome)
    {
        json.WriteStartObject(name);
        json.WriteNumber("totalLoss", ReportJson.Normalize(outcome.TotalLoss));
        json.WriteNumber("cost", ReportJson.Normalize(outcome.Cost));
        json.WriteNumber("walletLeft", ReportJson.Normalize(outcome.WalletLeft));
        json.WriteStartArray("liquidated");
        foreach (var p in outcome.Liquidated)
        {
            json.WriteStringValue(p.Symbol);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Human(Book book, CascadeResult result, ModeComparison comparison, List<Finding> findings)
    {
        var asset = book.MarginAsset;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"What if: {book.Exchange.Name} · {asset} futures wallet {ReportTable.Money(result.StartWallet, asset)} · equity {ReportTable.Money(result.StartEquity, asset)}"));
        text.AppendLine(result.Model == CascadeModel.WholeCrossBook
            ? "Model: at the account trigger (cross equity down to the cross requirement) the whole cross book is closed: the conservative assumption; exchanges may close less."
            : "Model: at the account trigger the position with the largest loss is closed first, then the account is checked again.");
        text.AppendLine("Isolated positions die alone at their own liquidation price; every close pays the taker fee.");
        text.AppendLine();
        if (result.Events.Count == 0)
        {
            text.AppendLine("No liquidation on this path.");
        }
        else
        {
            var rows = new List<string[]> { EventHeader };
            var n = 1;
            foreach (var e in result.Events)
            {
                rows.Add(
                [
                    Invariant($"{n++}"), e.Position.Symbol, Words.Of(e.Position.Side), Words.Of(e.Position.Mode), Numbers.FormatPrice(e.Price),
                    ReportTable.Pct(e.MovePct), ReportTable.Money(e.Loss, asset), ReportTable.Money(e.WalletAfter, asset), ReportTable.Money(e.EquityAfter, asset),
                ]);
            }

            ReportTable.AppendColumns(text, rows, EventAlignment);
        }

        text.AppendLine();
        text.AppendLine(Invariant($"End: wallet {ReportTable.Money(result.End.WalletBalance, asset)}, equity {ReportTable.Money(result.End.Equity, asset)}, liquidation losses {ReportTable.Money(result.End.TotalLoss, asset)}, {result.End.PositionsLeft.Count} position(s) left."));
        text.AppendLine(MoveAnswers.ComparisonSentence(comparison, asset));
        if (comparison.IsolatedMarginsExceedWallet)
        {
            text.AppendLine("Note: the isolated margins of the comparison add up to more than the wallet; the isolated book could not be opened as is.");
        }

        if (findings.Count > 0)
        {
            text.AppendLine();
        }

        ReportTable.AppendFindings(text, findings);

        return text.ToString();
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
