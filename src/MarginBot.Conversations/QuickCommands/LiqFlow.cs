using MarginBot.Conversations.Books;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Market;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Contracts;
using Stateless;

namespace MarginBot.Conversations.QuickCommands;

/// <summary>
/// /liq. In a group a request missing pieces gets them named; in private the bot asks for them and
/// keeps what was given, so the next message only needs the missing pieces.
/// </summary>
internal sealed class LiqFlow
{
    public const string Name = "liq";

    private const string TextKey = "text";

    private readonly FlowContext _context;
    private readonly StateMachine<State, Trigger> _machine;
    private Session _session;

    private LiqFlow(Session session, FlowContext context)
    {
        _session = session;
        _context = context;
        _machine = new StateMachine<State, Trigger>(() => Enum.Parse<State>(_session.State), s => _session = _session with { State = s.ToString() });
        _machine.Configure(State.Asking)
            .PermitReentry(Trigger.StillMissing)
            .Permit(Trigger.Completed, State.Closed)
            .Permit(Trigger.Cancelled, State.Closed);
    }

    private enum State
    {
        Asking,
        Closed,
    }

    private enum Trigger
    {
        StillMissing,
        Completed,
        Cancelled,
    }

    /// <summary>The user sent /liq with <paramref name="args"/>.</summary>
    public static FlowResult Ask(string args, ChatKind kind, FlowContext context)
    {
        if (args.Length == 0)
        {
            return FlowResult.End(Reply.Send(Texts.Liq.Usage(context.Options.BotName, kind)));
        }

        TradeRequest request;
        string? entryNote;
        string? answer = null;
        List<string> missing;
        try
        {
            (request, entryNote) = LiveFigures.WithMarkAsEntry(TradeText.Parse(args, context.Catalog), context);
            missing = MissingOf(request);
            if (missing.Count == 0)
            {
                answer = Quote(request, entryNote, context);
            }
        }
        catch (InputException e)
        {
            return FlowResult.End(Reply.Send(Texts.Liq.Problem(e.Problem, context.Options.BotName)));
        }

        if (answer is not null)
        {
            return FlowResult.End(Reply.Send(answer));
        }

        if (kind == ChatKind.Group)
        {
            return FlowResult.End(Reply.Send(WithNote(Texts.Liq.MissingInGroup(missing, context.Options.BotName), entryNote)));
        }

        var flow = new LiqFlow(Session.Start(Name, nameof(State.Asking), context.Now).WithAnswer(TextKey, args), context);
        return FlowResult.Keep(flow._session, Reply.Send(WithNote(Texts.Liq.AskMissing(missing), entryNote), SideButtons(missing)));
    }

    /// <summary>The answer to a complete request, naming where a live entry and the tiers came from.</summary>
    private static string Quote(TradeRequest request, string? entryNote, FlowContext context)
    {
        var live = LiveFigures.LiveTiers(request, context);
        var quote = LiqQuote.Of(request, context.Settings, context.Catalog, LiveFigures.Overrides(live));
        var tiersNote = LiveFigures.TiersNote(quote.Book, request.Symbol!, live, context);
        return Texts.Liq.Answer(quote, [.. new[] { entryNote, tiersNote }.OfType<string>()]);
    }

    // The missing pieces first: an inline answer is titled by its first line.
    private static string WithNote(string html, string? note) => note is null ? html : html + "\n" + note;

    public static LiqFlow? Resume(Session session, FlowContext context) =>
        session.Flow == Name && session.State == nameof(State.Asking) ? new LiqFlow(session, context) : null;

    public static bool Owns(string data) => data.StartsWith(Name + ":", StringComparison.Ordinal);

    /// <summary>The user sent the missing pieces.</summary>
    public FlowResult Answer(string text)
    {
        var so = _session.Answer(TextKey) ?? string.Empty;
        var combined = so + " " + text;
        TradeRequest request;
        string? entryNote;
        try
        {
            (request, entryNote) = LiveFigures.WithMarkAsEntry(TradeText.Parse(combined, _context.Catalog), _context);
        }
        catch (InputException e)
        {
            return FlowResult.Keep(_session, Reply.Send(Texts.Liq.Problem(e.Problem, _context.Options.BotName) + "\n" + Texts.Liq.StillAsking(MissingOf(SafeParse(so)))));
        }

        var missing = MissingOf(request);
        if (missing.Count > 0)
        {
            _machine.Fire(Trigger.StillMissing);
            _session = _session.WithAnswer(TextKey, combined);
            return FlowResult.Keep(_session, Reply.Send(WithNote(Texts.Liq.AskMissing(missing), entryNote), SideButtons(missing)));
        }

        string answer;
        try
        {
            answer = Quote(request, entryNote, _context);
        }
        catch (InputException e)
        {
            return FlowResult.Keep(_session, Reply.Send(Texts.Liq.Problem(e.Problem, _context.Options.BotName)));
        }

        _machine.Fire(Trigger.Completed);
        return FlowResult.End(Reply.Send(answer));
    }

    /// <summary>The user pressed Long or Short.</summary>
    public FlowResult Press(string data) => Answer(data[(Name.Length + 1)..]);

    public FlowResult Cancel()
    {
        _machine.Fire(Trigger.Cancelled);
        return FlowResult.End(Reply.Send(Texts.Liq.Cancelled));
    }

    private TradeRequest SafeParse(string text)
    {
        try
        {
            return TradeText.Parse(text, _context.Catalog);
        }
        catch (InputException)
        {
            return new TradeRequest();
        }
    }

    /// <summary>Symbol, side, entry and leverage are needed; cross needs a size too.</summary>
    private static List<string> MissingOf(TradeRequest request)
    {
        var missing = request.Missing(needSize: false).ToList();
        if (request.Mode == MarginMode.Cross && request.Quantity is null && request.Notional is null)
        {
            missing.Add(Texts.PieceSize);
        }

        return missing;
    }

    private static IReadOnlyList<Button>[] SideButtons(List<string> missing) =>
        missing.Contains(Texts.PieceSide)
            ? [[new Button(Texts.Check.LongLabel, Name + ":long"), new Button(Texts.Check.ShortLabel, Name + ":short")]]
            : [];
}
