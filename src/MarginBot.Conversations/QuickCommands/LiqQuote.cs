using MarginBot.Conversations.Books;
using MarginBot.Conversations.Settings;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.QuickCommands;

/// <summary>The engine's answer to a /liq request, with what it assumed.</summary>
/// <param name="Book">The one-position book that was analyzed.</param>
/// <param name="Report">The engine's report.</param>
/// <param name="SizeGiven">False when tier 1 stood in for an unknown size.</param>
/// <param name="WalletAssumed">True when a cross position had no wallet and its margin stood in for it.</param>
internal sealed record LiqQuote(Book Book, BookReport Report, bool SizeGiven, bool WalletAssumed)
{
    public PositionReport Position => Report.Positions[0];

    /// <summary>Analyzes a complete request (symbol, side, entry and leverage given).</summary>
    public static LiqQuote Of(TradeRequest r, UserSettings settings, TierCatalog catalog, IReadOnlyDictionary<string, TierTable>? liveTiers = null)
    {
        var symbol = r.Symbol!;
        var exchange = r.Exchange ?? settings.Profile;
        var fees = exchange.Id == settings.Exchange ? settings.Fees : exchange.DefaultFees;
        var mode = r.Mode ?? MarginMode.Isolated;
        var entry = r.Entry!.Value;
        var leverage = r.Leverage!.Value;
        var contract = r.Kind == ContractKind.Inverse ? ContractSpec.Inverse(exchange.DefaultInverseContractSize(symbol)) : ContractSpec.Linear;
        var quantity = r.Quantity ?? (r.Notional is { } n ? (contract.IsInverse ? n / contract.ContractSize : n / entry) : null);
        var sizeGiven = quantity is not null;

        // Within tier 1 an isolated liquidation price does not depend on the size: one unit of notional stands in.
        quantity ??= contract.IsInverse ? 1m : 1m / entry;
        var position = new Position
        {
            Symbol = symbol,
            Side = r.Side!.Value,
            Quantity = quantity.Value,
            EntryPrice = entry,
            Leverage = leverage,
            Mode = mode,
            Contract = contract,
        };
        var walletAssumed = r.Wallet is null;
        var book = new Book
        {
            Exchange = exchange,
            MarginAsset = contract.IsInverse ? Input.Symbols.BaseAsset(symbol) : "USDT",
            WalletBalance = r.Wallet ?? position.PositionMargin,
            Fees = fees,
            Positions = [position],
        }.WithTiers(catalog, liveTiers);
        if (BookValidator.FirstProblem(book) is { } problem)
        {
            throw new InputException(Texts.FieldName(problem.Field), problem.Expected);
        }

        return new LiqQuote(book, BookAnalyzer.Analyze(book), sizeGiven, walletAssumed && mode == MarginMode.Cross);
    }
}
