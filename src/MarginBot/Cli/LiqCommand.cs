using System.Globalization;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Market;
using MarginBot.Conversations.QuickCommands;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Cli;

/// <summary>
/// <c>liq</c>: one position's liquidation price. With no size, an isolated position is answered at
/// the first tier, where the price does not depend on the size.
/// </summary>
internal static class LiqCommand
{
    private static readonly HashSet<string> Options =
    [
        "symbol", "side", "entry", "leverage", "qty", "notional", "margin", "mode", "wallet", "exchange",
        "mark", "mmr", "maintenance-amount", "taker", "maker", "contract-size",
    ];

    private static readonly HashSet<string> Flags = ["json", "offline"];

    private static readonly string[] SizeOptions = ["qty", "notional", "margin"];

    /// <summary>
    /// Answers <paramref name="cli"/>. Without --entry the exchange's mark stands in, asked through
    /// <paramref name="market"/> (made on demand, so a liq with --entry never touches the network);
    /// with --offline or no mark available the answer is exit 2 naming --entry.
    /// </summary>
    public static int Run(CliArgs cli, TierCatalog catalog, TextWriter output, Func<IMarketData>? market = null)
    {
        var (book, sizeGiven, notes) = BuildBook(cli, catalog, cli.Flag("offline") ? null : market);
        var report = BookAnalyzer.Analyze(book);
        output.Write(cli.Flag("json")
            ? ReportJson.Write(report, [], sizeGiven) + Environment.NewLine
            : ReportTable.WriteOne(report, book.MarginAsset, sizeGiven, notes));
        return 0;
    }

    internal static (Book Book, bool SizeGiven, List<string> Notes) BuildBook(CliArgs cli, TierCatalog catalog, Func<IMarketData>? market = null)
    {
        var notes = new List<string>();
        var (symbol, kind) = cli.Symbol("BTCUSDT or btc");
        var side = cli.Side();
        var exchange = cli.Exchange();

        var mode = MarginMode.Isolated;
        if (cli.Text("mode") is { } modeText && !Words.TryParseMode(modeText, out mode))
        {
            throw new InputException("--mode", $"expected isolated or cross, got '{modeText}'");
        }

        var entry = cli.Positive("entry", "entry price") ?? MarkAsEntry(market, exchange, symbol, kind, notes);
        if (entry > BookValidator.MaxPrice)
        {
            throw new InputException("--entry", "expected a positive entry price below 1,000,000,000,000");
        }

        var leverage = cli.Positive("leverage", "leverage") ?? throw new InputException("--leverage", "missing; expected the leverage, such as 10");
        if (leverage > BookValidator.MaxLeverageAnywhere)
        {
            throw new InputException("--leverage", string.Create(CultureInfo.InvariantCulture, $"expected at most {BookValidator.MaxLeverageAnywhere:0}x, got {leverage}"));
        }

        var fees = exchange.DefaultFees;
        if (cli.Has("taker") || cli.Has("maker"))
        {
            fees = new FeeSchedule(
                RateOption(cli, "taker") ?? fees.Taker,
                RateOption(cli, "maker") ?? fees.Maker);
        }

        var sizes = SizeOptions.Where(cli.Has).ToList();
        if (sizes.Count > 1)
        {
            throw new InputException("--" + sizes[1], "give one size only: --qty, --notional or --margin");
        }

        var tiers = TiersFor(cli, catalog, exchange, symbol, kind);
        var contractSize = kind == ContractKind.Inverse ? cli.Positive("contract-size", "contract size in USD") : null;
        var quantity = cli.Positive("qty", kind == ContractKind.Inverse ? "number of contracts" : "quantity");

        // Notional and margin are in USD for both kinds: an inverse contract's face value is in USD.
        var notional = cli.Positive("notional", "notional") ?? (cli.Positive("margin", "margin") * leverage);
        if (quantity is null && notional is null && mode == MarginMode.Cross)
        {
            throw new InputException("--qty", "missing; a cross liquidation price depends on the size: give --qty, --notional or --margin");
        }

        var wallet = cli.NonNegative("wallet", "futures wallet balance");
        if (mode == MarginMode.Cross && wallet is null)
        {
            notes.Add("no --wallet given: the cross wallet is taken as the initial margin alone, which behaves like isolated. Give --wallet to see what the whole wallet does.");
        }

        var quote = LiqQuote.Of(
            new LiquidationRequest
            {
                Exchange = exchange,
                Symbol = symbol,
                Kind = kind,
                Side = side,
                Entry = entry,
                Leverage = leverage,
                Mode = mode,
                Quantity = quantity,
                Notional = notional,
                Wallet = wallet,
                Mark = cli.Positive("mark", "mark price"),
                ContractSize = contractSize,
                Fees = fees,
                Tiers = tiers,
            },
            catalog,
            OptionFor);
        if (!quote.SizeGiven)
        {
            var first = tiers.Tiers[0];
            notes.Insert(0, first.Cap is { } cap
                ? string.Create(CultureInfo.InvariantCulture, $"no size given: tier 1 assumed ({first.MaintenanceMarginRate * 100m:0.####}% maintenance), which holds for positions up to {cap:#,0.##} {UnitOf(tiers.Basis, symbol)}; give --qty, --notional or --margin for larger ones.")
                : "no size given: tier 1 assumed; the price does not depend on the size.");
        }

        return (quote.Book, quote.SizeGiven, notes);
    }

    /// <summary>The longest the CLI waits for a live mark.</summary>
    private static readonly TimeSpan MarkWait = TimeSpan.FromSeconds(10);

    private static decimal MarkAsEntry(Func<IMarketData>? market, ExchangeProfile exchange, string symbol, ContractKind kind, List<string> notes)
    {
        if (market is null)
        {
            throw new InputException("--entry", "missing; expected the entry price, such as 60000 (--offline: no live mark is asked for)");
        }

        if (kind != ContractKind.Linear)
        {
            throw new InputException("--entry", "missing; live marks cover USDT-margined perpetuals only: give the entry price, such as 60000");
        }

        MarketAnswer<MarkPrice> answer;
        try
        {
            answer = market().GetMarkPriceAsync(exchange.Id, symbol).WaitAsync(MarkWait).GetAwaiter().GetResult();
        }
        catch (TimeoutException)
        {
            answer = MarketAnswer.NotAvailable<MarkPrice>(exchange.Id, symbol, string.Create(CultureInfo.InvariantCulture, $"{exchange.Name} did not answer within {MarkWait.TotalSeconds:0} s"));
        }

        if (!answer.IsAvailable)
        {
            throw new InputException("--entry", $"missing, and no live mark price was available ({answer.Reason}); give the entry price, such as 60000");
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"no --entry given: the mark {answer.Value.Price:#,0.########} on {answer.Source} ({answer.FetchedAt:yyyy-MM-ddTHH:mm:ssZ}) stands in for it."));
        return answer.Value.Price;
    }

    private static TierTable TiersFor(CliArgs cli, TierCatalog catalog, ExchangeProfile exchange, string symbol, ContractKind kind)
    {
        if (cli.Has("mmr"))
        {
            var mmr = cli.NonNegative("mmr", "maintenance margin rate")!.Value;
            if (mmr >= MarginTier.RateBound)
            {
                throw new InputException("--mmr", PortfolioFile.MaintenanceRateExpected);
            }

            var amount = cli.NonNegative("maintenance-amount", "maintenance amount") ?? 0m;
            return TierTable.OneTier(symbol, exchange.TierBasisFor(kind), mmr, amount, null);
        }

        if (cli.Has("maintenance-amount"))
        {
            throw new InputException("--maintenance-amount", "goes with --mmr; give both");
        }

        if (!SymbolCatalog.IsListed(catalog, symbol, kind))
        {
            throw new InputException("--symbol", $"a listed perpetual such as BTCUSDT; no exchange table knows '{symbol}' (give --mmr to use your own rate)");
        }

        return catalog.Resolve(exchange.Id, kind, symbol);
    }

    // The validator speaks in portfolio-file paths; liq's user typed options.
    private static string OptionFor(string field) => field switch
    {
        "wallet" => "--wallet",
        "positions[0].qty" => "--qty",
        "positions[0].entry" => "--entry",
        "positions[0].leverage" => "--leverage",
        "positions[0].margin" => "--margin",
        "positions[0].symbol" or "positions[0].contract" => "--symbol",
        _ when field.StartsWith("marks.", StringComparison.Ordinal) => "--mark",
        _ => field,
    };

    private static string UnitOf(TierBasis basis, string symbol) => basis switch
    {
        TierBasis.QuoteNotional => "USDT of notional",
        TierBasis.BaseNotional => Symbols.BaseAsset(symbol) + " of notional",
        TierBasis.Contracts => "contracts",
        _ => Symbols.BaseAsset(symbol) + " of position size",
    };

    private static decimal? RateOption(CliArgs cli, string name)
    {
        var rate = cli.NonNegative(name, name + " rate");
        return rate is null or < 0.5m ? rate : throw new InputException("--" + name, "expected a fraction below 0.5, such as 0.0005 for 0.05%");
    }
}
