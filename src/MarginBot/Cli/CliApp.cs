using MarginBot.Chat;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Market;
using MarginBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MarginBot.Engine.Tiers;

namespace MarginBot.Cli;

/// <summary>
/// The command-line verbs. Exit codes: 0 answered, 1 a check failed (replay), 2 bad input (one line
/// on standard error naming the field and what was expected). Never a stack trace.
/// </summary>
internal static class CliApp
{
    public const int BadInput = 2;

    private const string Run0 = "dotnet run --project src/MarginBot --";

    private static readonly string ExchangeOptions = string.Join('|', Words.Exchanges);

    // Each verb's usage, in the order --help lists them; a verb's own --help prints its entry alone.
    private static readonly (string Verb, string Usage)[] Usages =
    [
        ("liq", $"""
              {Run0} liq --symbol BTCUSDT --side long --entry 60000 --leverage 10
                  [--qty 0.5 | --notional 30000 | --margin 3000] [--mode isolated|cross] [--wallet 10000]
                  [--exchange {ExchangeOptions}] [--mark 61000] [--mmr 0.004 --maintenance-amount 0]
                  [--taker 0.0005] [--maker 0.0002] [--contract-size 100] [--offline] [--json]
                  One position's liquidation price. No --entry: the exchange's live mark stands in
                  (--offline never asks for it). --mmr is a fraction below 1.
            """),
        ("portfolio", $"""
              {Run0} portfolio FILE.json [--json]
                  Every position of a book (docs/portfolio-format.md) with the account's totals.
            """),
        ("whatif", $"""
              {Run0} whatif FILE.json (--move BTCUSDT=-10% [--move ETHUSDT=52000 ...] | --all -10% | --path FILE)
                  [--model all|largest-loss] [--steps 200] [--isolated-margin ETHUSDT=300 ...] [--json]
                  What a price move does to the book, cross against isolated (docs/risk.md).
            """),
        ("size", $"""
              {Run0} size --symbol SOLUSDT --side long --entry 150 --stop 140 --risk 150
                  [--exchange {ExchangeOptions}] [--taker 0.0005] [--buffer 0.8] [--wallet 1000] [--json]
                  The size that loses the risk at the stop, and the leverage that keeps liquidation beyond it.
            """),
        ("mode", $"""
              {Run0} mode [--answers new=no,explain-mm=yes,hedge=yes,monitored=yes,idle=no] [--json] [--mermaid]
                  The "which margin mode?" decision tree, asked on the terminal or answered at once.
            """),
        ("replay", $"""
              {Run0} replay FILE.chat [FILE.chat ...]
                  Replays transcripts against the real conversation engine; exit 1 at the first mismatch.
            """),
    ];

    /// <summary>The verbs, as an error message lists them.</summary>
    public static string VerbList => string.Join(", ", Usages.Select(u => u.Verb)) + " or --help";

    public static bool IsVerb(string? word) => word is "--help" or "-h" or "help" || Usages.Any(u => u.Verb == word);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<IMarketData>? market = null)
    {
        var verb = args[0];
        var rest = args.Skip(1).ToList();
        if (rest.Any(a => a is "--help" or "-h") && Usages.FirstOrDefault(u => u.Verb == verb) is { Usage: { } usage })
        {
            output.WriteLine(usage);
            return 0;
        }

        if (verb == "replay")
        {
            return ReplayVerb.Run(rest, output, error);
        }

        // Made only when liq lacks --entry: the other verbs and a complete liq never open a connection.
        ServiceProvider? standalone = null;
        market ??= () => (standalone ??= MarketDataHosting.Standalone(BotConfiguration.Load())).GetRequiredService<IMarketData>();
        try
        {
            var catalog = TierCatalog.LoadBundled();
            return verb switch
            {
                "liq" => LiqCommand.Run(rest, catalog, output, market),
                "portfolio" => PortfolioCommand.Run(rest, catalog, output),
                "whatif" => WhatIfCommand.Run(rest, catalog, output),
                "size" => SizeCommand.Run(rest, catalog, output),
                "mode" => ModeCommand.Run(rest, Console.In, output),
                _ => Help(output),
            };
        }
        catch (InputException e)
        {
            error.WriteLine($"error: {e.Problem}");
            return BadInput;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            error.WriteLine("error: " + string.Join("; ", e.Failures));
            return BadInput;
        }
        catch (ArithmeticException)
        {
            // Numbers within every field's bounds whose products still pass decimal's range: one line, never a trace.
            error.WriteLine("error: the figures are too large to compute together; expected the sizes, prices and amounts of a real trade");
            return BadInput;
        }
        finally
        {
            standalone?.Dispose();
        }
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine("MarginBot: liquidation, margin and PnL from the exchanges' published formulas.");
        output.WriteLine();
        output.WriteLine("  dotnet run --project src/MarginBot                      chat in the terminal (Telegram when a token is configured)");
        foreach (var (_, usage) in Usages)
        {
            output.WriteLine(usage);
        }

        output.WriteLine();
        output.WriteLine("Each verb's --help prints its usage alone.");
        output.WriteLine("Exit codes: 0 answered, 1 a replayed transcript differed, 2 bad input (the field and what was expected are printed).");
        return 0;
    }
}
