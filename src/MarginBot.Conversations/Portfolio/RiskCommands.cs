using MarginBot.Conversations.Charts;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Risk;
using MarginBot.Engine.Warnings;

namespace MarginBot.Conversations.Portfolio;

/// <summary>/whatif, /compare and /idle: the engine's risk analysis of the stored book, private chats only.</summary>
internal static class RiskCommands
{
    /// <summary>The equity curve's resolution: enough for a smooth line, cheap for the engine.</summary>
    private const int CurvePoints = 81;

    private static readonly Lazy<DailyMoves> Moves = new(DailyMoves.LoadBundled);

    public static CommandResult WhatIf(string args, FlowContext context)
    {
        if (Unready(context) is { } unready)
        {
            return unready;
        }

        // "/whatif live eth -10%": the marks refreshed from the exchange first, and stored.
        TraderBook? refreshed = null;
        string? note = null;
        var words = args.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length > 0 && string.Equals(words[0], BookCommands.LiveWord, StringComparison.OrdinalIgnoreCase))
        {
            (refreshed, note) = BookCommands.RefreshMarks(context);
            context = context with { Book = refreshed };
            args = words.Length > 1 ? words[1] : string.Empty;
        }

        if (args.Length == 0)
        {
            return new CommandResult([Reply.Send((note is null ? string.Empty : note + "\n") + Texts.Risk.WhatIfUsage)], refreshed);
        }

        var book = EngineBook(context);
        var move = BookMove.Parse(args, Marks(book), Texts.Risk.WhatIfExample);
        var result = Engine.Risk.WhatIf.Run(book, move.Scenario);
        var html = Texts.Risk.WhatIfAnswer(move.Description, args.Trim(), result, book.Exchange.Name, Findings(book));
        return new CommandResult([Reply.Send(note is null ? html : note + "\n" + html)], refreshed);
    }

    public static CommandResult Compare(string args, FlowContext context)
    {
        if (Unready(context) is { } unready)
        {
            return unready;
        }

        var book = EngineBook(context);
        var assumed = args.Length == 0;
        var move = assumed ? AgainstLargest(book) : BookMove.Parse(args, Marks(book), Texts.Risk.CompareExample);
        var comparison = ModeComparer.Compare(book, move.Scenario);
        var html = Texts.Risk.CompareAnswer(move.Description, assumed, comparison, Findings(book));
        return new CommandResult([Reply.Send(html).WithChart(Chart(book, move))]);
    }

    public static CommandResult Idle(FlowContext context)
    {
        if (Unready(context) is { } unready)
        {
            return unready;
        }

        var book = EngineBook(context);
        var report = BookAnalyzer.Analyze(book);
        return CommandResult.Say(Texts.Risk.IdleAnswer(report.Account, IdleFunds.Analyze(book), Findings(book)));
    }

    /// <summary>The equity curve around the move: cross and isolated, liquidation points marked.</summary>
    internal static ChartSpec Chart(Book book, BookMove move)
    {
        var span = Math.Max(20m, Math.Ceiling(Math.Abs(move.Percent) * 1.5m));
        var curve = EquityCurve.Compute(book, -Math.Min(95m, span), span, CurvePoints, move.Symbol);
        var mark = move.Symbol is { } symbol ? Marks(book)[symbol] : (decimal?)null;
        decimal X(decimal movePct) => mark is { } m ? m * (1m + (movePct / 100m)) : movePct;
        var cross = new ChartSeries(Texts.Risk.CrossSeries, [.. curve.Points.Select(p => new ChartPoint(X(p.MovePct), p.CrossEquity))]);
        var isolated = new ChartSeries(Texts.Risk.IsolatedSeries, [.. curve.Points.Select(p => new ChartPoint(X(p.MovePct), p.IsolatedEquity))]);
        var markers = Markers(curve.CrossLiquidations, cross.Name, move.Symbol, X)
            .Concat(Markers(curve.IsolatedLiquidations, isolated.Name, move.Symbol, X))
            .ToList();
        return new ChartSpec(
            Texts.Risk.ChartTitle(move.Symbol),
            move.Symbol is { } s ? Texts.Risk.ChartPriceAxis(s) : Texts.Risk.ChartMoveAxis,
            Texts.Risk.ChartEquityAxis(book.MarginAsset),
            [cross, isolated],
            markers,
            "compare");
    }

    // The cross trigger closes several positions at one moment (their events come together): one
    // mark for them, named after all of them, placed where the moving coin's price was.
    private static List<ChartMarker> Markers(IReadOnlyList<LiquidationEvent> events, string series, string? symbol, Func<decimal, decimal> x)
    {
        var groups = new List<List<LiquidationEvent>>();
        foreach (var e in events)
        {
            var current = groups.Count > 0 ? groups[^1] : null;
            var joins = e.AccountTrigger && current is not null && current[^1].AccountTrigger
                && !current.Any(c => ReferenceEquals(c.Position, e.Position))
                && !(Moving(e, symbol) && current.Any(c => Moving(c, symbol)));
            if (joins)
            {
                current!.Add(e);
            }
            else
            {
                groups.Add([e]);
            }
        }

        return [.. groups.Select(g =>
        {
            var lead = g.FirstOrDefault(e => Moving(e, symbol)) ?? g[0];
            var at = symbol is not null && Moving(lead, symbol) ? lead.Price : x(lead.MovePct);
            var names = g.Select(e => Symbols.BaseAsset(e.Position.Symbol) + " " + Words.Of(e.Position.Side)).ToList();
            return new ChartMarker(Texts.Risk.MarkerLabel(names), at, g[^1].EquityAfter, series);
        })];
    }

    private static bool Moving(LiquidationEvent e, string? symbol) =>
        symbol is null || string.Equals(e.Position.Symbol, symbol, StringComparison.Ordinal);

    private static CommandResult? Unready(FlowContext context) =>
        context.Book.WalletBalance is null ? CommandResult.Say(Texts.Book.WalletFirst)
        : context.Book.Positions.Count == 0 ? CommandResult.Say(Texts.Risk.NoPositions)
        : null;

    private static Book EngineBook(FlowContext context) => BookCommands.ToEngineBook(context.Book, context.Settings, context.Catalog);

    private static Dictionary<string, decimal> Marks(Book book)
    {
        var marks = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var p in book.Positions)
        {
            marks.TryAdd(p.Symbol, book.MarkOf(p));
        }

        return marks;
    }

    /// <summary>No move given: the biggest position's coin moves 10% against it.</summary>
    private static BookMove AgainstLargest(Book book)
    {
        var largest = book.Positions.MaxBy(p => p.Contract.Notional(p.Quantity, book.MarkOf(p)))!;
        return BookMove.Of(largest.Symbol, largest.Side.Sign() * -10m);
    }

    private static List<Finding> Findings(Book book)
    {
        var report = BookAnalyzer.Analyze(book);
        return [.. report.Findings, .. RiskFindings.Detect(book, report, new RiskContext { DailyMoves = Moves.Value })];
    }
}
