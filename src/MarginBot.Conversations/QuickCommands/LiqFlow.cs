using MarginBot.Conversations.Books;
using MarginBot.Conversations.Chat;
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
        LiqQuote? quote = null;
        List<string> missing;
        try
        {
            request = TradeText.Parse(args, context.Catalog);
            missing = MissingOf(request);
            if (missing.Count == 0)
            {
                quote = LiqQuote.Of(request, context.Settings, context.Catalog);
            }
        }
        catch (InputException e)
        {
            return FlowResult.End(Reply.Send(Texts.Liq.Problem(e.Problem, context.Options.BotName)));
        }

        if (quote is not null)
        {
            return FlowResult.End(Reply.Send(Texts.Liq.Answer(quote)));
        }

        if (kind == ChatKind.Group)
        {
            return FlowResult.End(Reply.Send(Texts.Liq.MissingInGroup(missing, context.Options.BotName)));
        }

        var flow = new LiqFlow(Session.Start(Name, nameof(State.Asking), context.Now).WithAnswer(TextKey, args), context);
        return FlowResult.Keep(flow._session, Reply.Send(Texts.Liq.AskMissing(missing), SideButtons(missing)));
    }

    public static LiqFlow? Resume(Session session, FlowContext context) =>
        session.Flow == Name && session.State == nameof(State.Asking) ? new LiqFlow(session, context) : null;

    public static bool Owns(string data) => data.StartsWith(Name + ":", StringComparison.Ordinal);

    /// <summary>The user sent the missing pieces.</summary>
    public FlowResult Answer(string text)
    {
        var so = _session.Answer(TextKey) ?? string.Empty;
        var combined = so + " " + text;
        TradeRequest request;
        try
        {
            request = TradeText.Parse(combined, _context.Catalog);
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
            return FlowResult.Keep(_session, Reply.Send(Texts.Liq.AskMissing(missing), SideButtons(missing)));
        }

        LiqQuote quote;
        try
        {
            quote = LiqQuote.Of(request, _context.Settings, _context.Catalog);
        }
        catch (InputException e)
        {
            return FlowResult.Keep(_session, Reply.Send(Texts.Liq.Problem(e.Problem, _context.Options.BotName)));
        }

        _machine.Fire(Trigger.Completed);
        return FlowResult.End(Reply.Send(Texts.Liq.Answer(quote)));
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
