using MarginBot.Conversations.Books;
using MarginBot.Conversations.Settings;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.QuickCommands;

/// <summary>
/// One position's liquidation question, as the chat's <c>/liq</c> and the command line's <c>liq</c>
/// both ask it: typed, already read from words or options.
/// </summary>
public sealed record LiquidationRequest
{
    /// <summary>Whose rules.</summary>
    public required ExchangeProfile Exchange { get; init; }

    /// <summary>The normalized symbol (<c>BTCUSDT</c>, <c>BTCUSD</c>).</summary>
    public required string Symbol { get; init; }

    /// <summary>Linear or inverse.</summary>
    public required ContractKind Kind { get; init; }

    /// <summary>Long or short.</summary>
    public required Side Side { get; init; }

    /// <summary>Entry price.</summary>
    public required decimal Entry { get; init; }

    /// <summary>Leverage.</summary>
    public required decimal Leverage { get; init; }

    /// <summary>Isolated (the default: the article's advice) or cross.</summary>
    public MarginMode Mode { get; init; } = MarginMode.Isolated;

    /// <summary>Size in the base asset (contracts for inverse), or <c>null</c>.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>Size as notional in USD, or <c>null</c>; used when <see cref="Quantity"/> is not given.</summary>
    public decimal? Notional { get; init; }

    /// <summary>The futures wallet (cross), or <c>null</c>: the position's margin stands in for it.</summary>
    public decimal? Wallet { get; init; }

    /// <summary>A mark price other than the entry, or <c>null</c>.</summary>
    public decimal? Mark { get; init; }

    /// <summary>An inverse contract's face value in USD, or <c>null</c> for the exchange's usual one.</summary>
    public decimal? ContractSize { get; init; }

    /// <summary>Fee rates, or <c>null</c> for the exchange's defaults.</summary>
    public FeeSchedule? Fees { get; init; }

    /// <summary>A tier table to use instead of the catalog's (a user's rate, a live table), or <c>null</c>.</summary>
    public TierTable? Tiers { get; init; }
}

/// <summary>The engine's answer to a liquidation question, with what it assumed.</summary>
/// <param name="Book">The one-position book that was analyzed.</param>
/// <param name="Report">The engine's report.</param>
/// <param name="SizeGiven">False when tier 1 stood in for an unknown size.</param>
/// <param name="WalletAssumed">True when a cross position had no wallet and its margin stood in for it.</param>
public sealed record LiqQuote(Book Book, BookReport Report, bool SizeGiven, bool WalletAssumed)
{
    /// <summary>The one position's report.</summary>
    public PositionReport Position => Report.Positions[0];

    /// <summary>
    /// Answers <paramref name="request"/>. Without a size an isolated position is answered at tier 1,
    /// where its price does not depend on the size. A request the engine cannot take raises an
    /// <see cref="InputException"/> whose field is named by <paramref name="fieldName"/> (the
    /// validator speaks in portfolio-file paths; each front end in its own words).
    /// </summary>
    public static LiqQuote Of(LiquidationRequest request, TierCatalog catalog, Func<string, string> fieldName)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fieldName);
        var symbol = request.Symbol;
        var entry = request.Entry;
        var contract = request.Kind == ContractKind.Inverse
            ? ContractSpec.Inverse(request.ContractSize ?? request.Exchange.DefaultInverseContractSize(symbol))
            : ContractSpec.Linear;
        var quantity = request.Quantity ?? (request.Notional is { } n ? (contract.IsInverse ? n / contract.ContractSize : n / entry) : null);
        var sizeGiven = quantity is not null;

        // Within tier 1 an isolated liquidation price does not depend on the size: one unit of notional stands in.
        quantity ??= contract.IsInverse ? 1m : 1m / entry;
        var position = new Position
        {
            Symbol = symbol,
            Side = request.Side,
            Quantity = quantity.Value,
            EntryPrice = entry,
            Leverage = request.Leverage,
            Mode = request.Mode,
            Contract = contract,
        };
        var book = new Book
        {
            Exchange = request.Exchange,
            MarginAsset = contract.IsInverse ? Input.Symbols.BaseAsset(symbol) : "USDT",
            WalletBalance = request.Wallet ?? position.PositionMargin,
            Fees = request.Fees,
            Positions = [position],
            MarkPrices = request.Mark is { } mark ? new Dictionary<string, decimal> { [symbol] = mark } : new Dictionary<string, decimal>(),
        }.WithTiers(catalog, request.Tiers is { } tiers ? new Dictionary<string, TierTable> { [symbol] = tiers } : null);
        if (BookValidator.FirstProblem(book) is { } problem)
        {
            throw new InputException(fieldName(problem.Field), problem.Expected);
        }

        return new LiqQuote(book, BookAnalyzer.Analyze(book), sizeGiven, request.Wallet is null && request.Mode == MarginMode.Cross);
    }

    /// <summary>Analyzes a complete chat request (symbol, side, entry and leverage given).</summary>
    internal static LiqQuote Of(TradeRequest r, UserSettings settings, TierCatalog catalog, IReadOnlyDictionary<string, TierTable>? liveTiers = null)
    {
        var exchange = r.Exchange ?? settings.Profile;
        var request = new LiquidationRequest
        {
            Exchange = exchange,
            Symbol = r.Symbol!,
            Kind = r.Kind,
            Side = r.Side!.Value,
            Entry = r.Entry!.Value,
            Leverage = r.Leverage!.Value,
            Mode = r.Mode ?? MarginMode.Isolated,
            Quantity = r.Quantity,
            Notional = r.Notional,
            Wallet = r.Wallet,
            Fees = exchange.Id == settings.Exchange ? settings.Fees : exchange.DefaultFees,
            Tiers = liveTiers?.GetValueOrDefault(r.Symbol!),
        };
        return Of(request, catalog, Texts.FieldName);
    }
}
