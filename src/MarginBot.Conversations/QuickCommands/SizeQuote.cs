using MarginBot.Conversations.Books;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Risk;
using MarginBot.Engine.Tiers;
using MarginBot.Engine.Warnings;

namespace MarginBot.Conversations.QuickCommands;

/// <summary>
/// A sizing question, as the chat's <c>/size</c> and the command line's <c>size</c> both ask it:
/// the most a trade may lose at its stop, and where the stop is.
/// </summary>
public sealed record SizeRequest
{
    /// <summary>Whose rules.</summary>
    public required ExchangeProfile Exchange { get; init; }

    /// <summary>The normalized symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>Linear or inverse (sizing answers linear contracts only).</summary>
    public required ContractKind Kind { get; init; }

    /// <summary>Long or short.</summary>
    public required Side Side { get; init; }

    /// <summary>Entry price.</summary>
    public required decimal Entry { get; init; }

    /// <summary>Stop-loss price: below the entry for a long, above for a short.</summary>
    public required decimal Stop { get; init; }

    /// <summary>The most the trader accepts to lose at the stop, fees included.</summary>
    public required decimal Risk { get; init; }

    /// <summary>Fee rates, or <c>null</c> for the exchange's defaults.</summary>
    public FeeSchedule? Fees { get; init; }

    /// <summary>The share of the way to liquidation the stop may take.</summary>
    public decimal Buffer { get; init; } = SizingRequest.DefaultBuffer;

    /// <summary>The futures wallet, for the cross comparison, or <c>null</c>.</summary>
    public decimal? Wallet { get; init; }
}

/// <summary>The engine's sizing and the sized trade as a one-position book, with its findings.</summary>
/// <param name="Result">Size, leverage, liquidation price.</param>
/// <param name="Position">The sized trade, isolated, at the leverage found (1x when none keeps the stop inside the buffer).</param>
/// <param name="Tiers">The tier table the answer rests on.</param>
/// <param name="Findings">The engine's findings for the sized trade with its stop.</param>
public sealed record SizeQuote(SizingResult Result, Position Position, TierTable Tiers, IReadOnlyList<Finding> Findings)
{
    private static readonly Lazy<DailyMoves> Moves = new(DailyMoves.LoadBundled);

    /// <summary>
    /// Answers <paramref name="request"/>; a request the engine cannot take raises an
    /// <see cref="InputException"/> whose field (<c>symbol</c>, <c>stop</c>) is named by <paramref name="fieldName"/>.
    /// </summary>
    public static SizeQuote Of(SizeRequest request, TierCatalog catalog, Func<string, string> fieldName)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(fieldName);
        if (request.Kind == ContractKind.Inverse)
        {
            throw new InputException(fieldName("symbol"), Texts.Book.LinearOnly);
        }

        if (request.Side.Sign() * (request.Entry - request.Stop) <= 0)
        {
            throw new InputException(fieldName("stop"), Texts.Check.StopWrongSide(request.Side, request.Entry));
        }

        var exchange = request.Exchange;
        var fees = request.Fees ?? exchange.DefaultFees;
        var tiers = catalog.Resolve(exchange.Id, ContractKind.Linear, request.Symbol);
        var sized = PositionSizer.Size(new SizingRequest
        {
            Symbol = request.Symbol,
            Side = request.Side,
            EntryPrice = request.Entry,
            StopPrice = request.Stop,
            MaxLoss = request.Risk,
            Exchange = exchange,
            Fees = fees,
            Tiers = tiers,
            Buffer = request.Buffer,
            CrossWallet = request.Wallet,
        });

        var position = new Position
        {
            Symbol = request.Symbol,
            Side = request.Side,
            Quantity = sized.Quantity,
            EntryPrice = request.Entry,
            Leverage = sized.MaxLeverage ?? 1m,
            Mode = MarginMode.Isolated,
        };
        var book = new Book { Exchange = exchange, Fees = fees, WalletBalance = position.PositionMargin, Positions = [position] }.WithTiers(catalog);
        var report = BookAnalyzer.Analyze(book);
        var stops = new Dictionary<string, StopLoss>(StringComparer.Ordinal) { [position.Symbol] = new StopLoss(request.Stop) };
        List<Finding> findings = [.. report.Findings, .. RiskFindings.Detect(book, report, new RiskContext { Stops = stops, DailyMoves = Moves.Value })];
        return new SizeQuote(sized, position, tiers, findings);
    }
}
