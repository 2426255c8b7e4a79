using System.CommandLine;
using System.CommandLine.Help;
using MarginBot.Chat;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Market;
using MarginBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MarginBot.Engine.Tiers;

namespace MarginBot.Cli;

/// <summary>
/// The command-line verbs, on System.CommandLine: each verb's --help is written from its options'
/// descriptions, and a mistyped verb or option is answered with the one it most likely meant.
/// Exit codes: 0 answered, 1 a check failed (replay), 2 bad input (one line on standard error
/// naming the field and what was expected). Never a stack trace.
/// </summary>
internal static class CliApp
{
    public const int BadInput = 2;

    private static readonly string Exchanges = string.Join('|', Words.Exchanges);

    private static readonly CliVerb[] Verbs =
    [
        new("liq", "One position's liquidation price, from the exchange's published formula.",
        [
            new("symbol", "BTCUSDT, btc, or BTCUSD for the coin-margined contract"),
            new("side", "long or short"),
            new("entry", "entry price; without it the exchange's live mark stands in (not with --offline)"),
            new("leverage", "leverage, such as 10"),
            new("qty", "size in the coin (contracts for coin-margined); one of --qty, --notional, --margin"),
            new("notional", "size as notional in USD"),
            new("margin", "size as the margin put up, in USD (× leverage = notional)"),
            new("mode", "isolated (default) or cross"),
            new("wallet", "futures wallet balance, for cross"),
            new("exchange", $"{Exchanges} (default binance)"),
            new("mark", "a mark price other than the entry"),
            new("mmr", "your own maintenance margin rate, a fraction below 1 (0.004 = 0.4%)"),
            new("maintenance-amount", "the maintenance amount that goes with --mmr"),
            new("taker", "taker fee rate, a fraction (0.0005 = 0.05%)"),
            new("maker", "maker fee rate, a fraction"),
            new("contract-size", "an inverse contract's face value in USD"),
            new("json", "answer in JSON (docs/portfolio-format.md)", OptionKind.Flag),
            new("offline", "never ask an exchange for a live mark", OptionKind.Flag),
        ]),
        new("portfolio", "Every position of a book (docs/portfolio-format.md) with the account's totals.",
        [
            new("json", "answer in JSON", OptionKind.Flag),
        ], "FILE"),
        new("whatif", "What a move does to a book, cross against isolated (docs/risk.md).",
        [
            new("move", "SYMBOL=-10% or SYMBOL=52000; repeat for several coins", OptionKind.Repeated),
            new("all", "every coin by a percentage, such as -10%"),
            new("path", "a file of moves, one step a line (BTCUSDT=-5% ETHUSDT=-8%, all=-5%)"),
            new("model", "all (default: the whole cross book at the trigger) or largest-loss"),
            new("steps", "fine steps per leg, 1 to 100000 (default 200)"),
            new("isolated-margin", "SYMBOL=AMOUNT: the margin a position would hold isolated; repeatable", OptionKind.Repeated),
            new("json", "answer in JSON", OptionKind.Flag),
        ], "FILE"),
        new("size", "The size that loses the risk at the stop, and the leverage that keeps liquidation beyond it.",
        [
            new("symbol", "SOLUSDT or sol (USDT-margined)"),
            new("side", "long or short"),
            new("entry", "entry price"),
            new("stop", "stop-loss price"),
            new("risk", "the most you accept to lose at the stop, fees included"),
            new("exchange", $"{Exchanges} (default binance)"),
            new("taker", "taker fee rate, a fraction below 0.1"),
            new("buffer", "the share of the way to liquidation the stop may take (default 0.8)"),
            new("wallet", "futures wallet balance, to show what cross would do"),
            new("json", "answer in JSON", OptionKind.Flag),
        ]),
        new("mode", "The \"which margin mode?\" decision tree, asked on the terminal or answered at once.",
        [
            new("answers", "every answer at once: new=no,explain-mm=yes,hedge=yes,monitored=yes,idle=no"),
            new("json", "answer in JSON", OptionKind.Flag),
            new("mermaid", "print the tree as a Mermaid flowchart", OptionKind.Flag),
        ]),
        new("replay", "Replays transcripts against the real conversation engine; exit 1 at the first mismatch.", [], "FILE"),
    ];

    /// <summary>The verbs, as an error message lists them.</summary>
    public static string VerbList => string.Join(", ", Verbs.Select(v => v.Name)) + " or --help";

    public static bool IsVerb(string? word) => word is "--help" or "-h" or "-?" or "help" or "--version" || Verbs.Any(v => v.Name == word);

    /// <summary>"unknown verb 'lq'; did you mean liq?": the one line for a first word that is no verb.</summary>
    public static string UnknownVerb(string word) =>
        CliArgs.Closest(word, Verbs.Select(v => v.Name)) is { } meant
            ? $"unknown verb '{word}'; did you mean {meant}? (expected {VerbList})"
            : $"unknown verb '{word}'; expected {VerbList}";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<IMarketData>? market = null, TextReader? input = null)
    {
        // Named after the project rather than the running executable (a test host, under tests).
        var root = new Command("MarginBot", "MarginBot: liquidation, margin and PnL from the exchanges' published formulas. Without a verb it runs the bot (a console chat when no Telegram token is set). Exit codes: 0 answered, 1 a replayed transcript differed, 2 bad input.")
        {
            new HelpOption { Recursive = true },
            new VersionOption(),
        };
        var commands = Verbs.ToDictionary(v => v.Name, v => v.ToCommand(), StringComparer.Ordinal);
        foreach (var command in commands.Values)
        {
            root.Subcommands.Add(command);
        }

        var tokens = args.ToArray();
        if (tokens[0] == "help")
        {
            tokens[0] = "--help";
        }

        var parse = root.Parse(tokens);
        if (parse.Action is HelpAction || tokens[0] == "--version")
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }

        // Made only when liq lacks --entry: the other verbs and a complete liq never open a connection.
        ServiceProvider? standalone = null;
        market ??= () => (standalone ??= MarketDataHosting.Standalone(BotConfiguration.Load())).GetRequiredService<IMarketData>();
        try
        {
            var verb = Verbs.Single(v => v.Name == args[0]);
            var cli = CliArgs.From(parse, verb, commands[verb.Name]);
            var catalog = TierCatalog.LoadBundled();
            return verb.Name switch
            {
                "liq" => LiqCommand.Run(cli, catalog, output, market),
                "portfolio" => PortfolioCommand.Run(cli, catalog, output),
                "whatif" => WhatIfCommand.Run(cli, catalog, output),
                "size" => SizeCommand.Run(cli, catalog, output),
                "mode" => ModeCommand.Run(cli, input ?? Console.In, output),
                _ => ReplayVerb.Run(cli.Positional, output, error),
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
}
