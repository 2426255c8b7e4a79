using System.Collections.Frozen;
using System.Globalization;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Market;
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

    /// <summary>The callback data of "Refresh marks" under /positions.</summary>
    public const string RefreshData = "book:refresh";

    /// <summary>The word after /positions or /whatif that refreshes the marks first.</summary>
    public const string LiveWord = "live";

    /// <summary>/positions, or /positions live: the marks refreshed from the exchange first and stored.</summary>
    public static CommandResult Positions(string args, FlowContext context)
    {
        if (context.Book.Positions.Count == 0)
        {
            return CommandResult.Say(Texts.Book.NoPositions(context.Book.WalletBalance));
        }

        var book = context.Book;
        string? note = null;
        if (string.Equals(args.Trim(), LiveWord, StringComparison.OrdinalIgnoreCase))
        {
            (book, note) = RefreshMarks(context);
        }

        var report = BookAnalyzer.Analyze(ToEngineBook(book, context.Settings, context.Catalog));
        var html = Texts.Book.Report(report);
        if (note is not null)
        {
            html = note + "\n" + html;
        }
        else if (book.MarkSources.Count > 0)
        {
            html += "\n" + Texts.Book.LiveMarks(book, context.Now);
        }

        IReadOnlyList<Button>[] rows = context.Live.IsLive ? [[new Button(Texts.Market.RefreshMarksLabel, RefreshData)]] : [];
        return new CommandResult([Reply.Send(html, rows)], ReferenceEquals(book, context.Book) ? null : book);
    }

    /// <summary>
    /// The book with the exchange's current marks of its symbols (those available), stored with
    /// their source and time, and a note naming each; a symbol without a live mark keeps its mark.
    /// </summary>
    public static (TraderBook Book, string Note) RefreshMarks(FlowContext context)
    {
        var symbols = context.Book.Positions.Select(p => p.Symbol).Distinct(StringComparer.Ordinal).ToList();
        var answers = context.Live.Marks(context.Settings.Exchange, symbols);
        var marks = new Dictionary<string, decimal>(context.Book.Marks, StringComparer.Ordinal);
        var sources = new Dictionary<string, MarkSource>(context.Book.MarkSources, StringComparer.Ordinal);
        foreach (var answer in answers.Where(a => a.IsAvailable))
        {
            marks[answer.Symbol] = answer.Value!.Price;
            sources[answer.Symbol] = new MarkSource(answer.Source, answer.FetchedAt);
        }

        var book = context.Book with
        {
            Marks = marks.ToFrozenDictionary(StringComparer.Ordinal),
            MarkSources = sources.ToFrozenDictionary(StringComparer.Ordinal),
        };
        return (book, Texts.Market.MarksRefreshed(answers, context.Now));
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
        var changed = context.Book with
        {
            Marks = marks.ToFrozenDictionary(StringComparer.Ordinal),
            MarkSources = context.Book.MarkSources.Where(e => e.Key != symbol).ToFrozenDictionary(StringComparer.Ordinal),
        };
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
