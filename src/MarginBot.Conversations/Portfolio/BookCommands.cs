using System.Collections.Frozen;
using System.Globalization;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.QuickCommands;
using MarginBot.Conversations.Settings;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Portfolio;

/// <summary>/wallet, /open, /positions, /close and /marks: the trader's book, private chats only.</summary>
internal static class BookCommands
{
    /// <summary>The engine's view of a stored book under the user's settings.</summary>
    public static Book ToEngineBook(TraderBook book, UserSettings settings, TierCatalog catalog) => new Book
    {
        Exchange = settings.Profile,
        WalletBalance = book.WalletBalance ?? 0m,
        Fees = settings.Fees,
        Positions = book.Positions,
        MarkPrices = book.Marks,
    }.WithTiers(catalog);

    public static CommandResult Wallet(string args, FlowContext context)
    {
        if (args.Length == 0)
        {
            return CommandResult.Say(context.Book.WalletBalance is { } w ? Texts.Book.WalletIs(w) : Texts.Book.NoWallet);
        }

        if (!Numbers.TryParse(args, out var wallet) || wallet < 0)
        {
            throw new InputException(args, Texts.Book.WalletExample);
        }

        var changed = context.Book with { WalletBalance = wallet };
        Validate(changed, context);
        return new CommandResult([Reply.Send(Texts.Book.WalletSet(wallet, changed.Positions.Count))], changed);
    }

    public static CommandResult Open(string args, FlowContext context)
    {
        if (context.Book.WalletBalance is null)
        {
            return CommandResult.Say(Texts.Book.WalletFirst);
        }

        if (args.Length == 0)
        {
            return CommandResult.Say(Texts.Book.OpenUsage);
        }

        if (context.Book.Positions.Count >= context.Options.MaxPositions)
        {
            return CommandResult.Say(Texts.Book.TooManyPositions(context.Options.MaxPositions));
        }

        var r = TradeText.Parse(args, context.Catalog);
        if (r.Wallet is not null || r.Exchange is not null)
        {
            throw new InputException(r.Wallet is not null ? "wallet" : Words.Of(r.Exchange!), Texts.Book.OpenNoWalletOrExchange);
        }

        if (r.Kind == ContractKind.Inverse)
        {
            throw new InputException(r.Symbol!, Texts.Book.LinearOnly);
        }

        var missing = r.Missing(needSize: true);
        if (missing.Count > 0)
        {
            return CommandResult.Say(Texts.Book.OpenMissing(missing));
        }

        var notes = new List<string>();
        if (r.Leverage is null)
        {
            notes.Add(Texts.Book.DefaultLeverage);
        }

        if (r.Mode is null)
        {
            notes.Add(Texts.Book.DefaultMode);
        }

        var position = new Position
        {
            Symbol = r.Symbol!,
            Side = r.Side!.Value,
            Quantity = r.QuantityAtEntry!.Value,
            EntryPrice = r.Entry!.Value,
            Leverage = r.Leverage ?? 1m,
            Mode = r.Mode ?? MarginMode.Cross,
        };
        var changed = context.Book with { Positions = [.. context.Book.Positions, position] };
        var engineBook = Validate(changed, context);

        // An exchange opens a position only when the wallet can post its initial margin, cross included.
        var margins = changed.Positions.Sum(p => p.PositionMargin);
        if (margins > context.Book.WalletBalance)
        {
            throw new InputException(Texts.PieceSize, Texts.Book.MarginAboveWallet(margins, context.Book.WalletBalance.Value));
        }

        var report = BookAnalyzer.Analyze(engineBook);
        return new CommandResult([Reply.Send(Texts.Book.Opened(changed.Positions.Count, report.Positions[^1], notes))], changed);
    }

    public static CommandResult Positions(FlowContext context)
    {
        if (context.Book.Positions.Count == 0)
        {
            return CommandResult.Say(Texts.Book.NoPositions(context.Book.WalletBalance));
        }

        var report = BookAnalyzer.Analyze(ToEngineBook(context.Book, context.Settings, context.Catalog));
        return CommandResult.Say(Texts.Book.Report(report));
    }

    public static CommandResult Close(string args, FlowContext context)
    {
        var count = context.Book.Positions.Count;
        if (count == 0)
        {
            return CommandResult.Say(Texts.Book.NothingToClose);
        }

        if (!int.TryParse(args.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > count)
        {
            throw new InputException(args.Length == 0 ? "N" : args, Texts.Book.CloseExample(count));
        }

        var closed = context.Book.Positions[n - 1];
        var positions = context.Book.Positions.Where((_, i) => i != n - 1).ToList();
        var changed = context.Book with { Positions = positions };
        return new CommandResult([Reply.Send(Texts.Book.Closed(n, closed, positions.Count))], changed);
    }

    public static CommandResult Marks(string args, FlowContext context)
    {
        var words = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return CommandResult.Say(Texts.Book.MarksAre(context.Book));
        }

        if (words.Length != 2)
        {
            throw new InputException(args, Texts.Book.MarksExample);
        }

        if (!Symbols.TryNormalize(words[0], out var symbol, out var kind) || !words[0].Any(char.IsAsciiLetter) || !SymbolCatalog.IsListed(context.Catalog, symbol, kind))
        {
            throw new InputException(words[0], Texts.Book.MarksExample);
        }

        if (!Numbers.TryParse(words[1], out var mark) || mark <= 0)
        {
            throw new InputException(words[1], Texts.Book.MarksExample);
        }

        var marks = new Dictionary<string, decimal>(context.Book.Marks, StringComparer.Ordinal) { [symbol] = mark };
        var changed = context.Book with { Marks = marks.ToFrozenDictionary(StringComparer.Ordinal) };
        var held = changed.Positions.Any(p => p.Symbol == symbol);
        return new CommandResult([Reply.Send(Texts.Book.MarkSet(symbol, mark, held))], changed);
    }

    private static Book Validate(TraderBook book, FlowContext context)
    {
        var engineBook = ToEngineBook(book, context.Settings, context.Catalog);
        if (BookValidator.FirstProblem(engineBook) is { } problem)
        {
            throw new InputException(Texts.FieldName(problem.Field), problem.Expected);
        }

        return engineBook;
    }
}
