using MarginBot.Conversations.Books;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Decisions;
using Stateless;

namespace MarginBot.Conversations.ModeTree;

/// <summary>
/// /mode: the article's "Which should I use?" tree, one yes/no question at a time, then the
/// recommendation with its reasons and the mistakes it guards against, and a button to /check.
/// The questions and the walk are the engine's <see cref="MarginModeTree"/>; this class is the
/// conversation around them.
/// </summary>
internal sealed class ModeFlow
{
    public const string Name = "mode";

    /// <summary>Button data that starts /check from anywhere (the dispatcher handles it, no session needed).</summary>
    public const string StartCheckData = "go:check";

    private readonly StateMachine<State, Trigger> _machine;
    private Session _session;

    private ModeFlow(Session session)
    {
        _session = session;
        _machine = new StateMachine<State, Trigger>(() => Enum.Parse<State>(_session.State), s => _session = _session with { State = s.ToString() });
        _machine.Configure(State.Asking)
            .PermitDynamic(Trigger.Answered, () => TreeAnswers.Walk(_session).IsFinished ? State.Recommended : State.Asking)
            .PermitReentryIf(Trigger.Back, () => TreeAnswers.Walk(_session).Path.Count > 0)
            .Permit(Trigger.Cancelled, State.Closed);
        _machine.Configure(State.Recommended)
            .Permit(Trigger.Back, State.Asking)
            .Permit(Trigger.Cancelled, State.Closed);
    }

    private enum State
    {
        Asking,
        Recommended,
        Closed,
    }

    private enum Trigger
    {
        Answered,
        Back,
        Cancelled,
    }

    public static bool Owns(string data) => data.StartsWith(Name + ":", StringComparison.Ordinal);

    /// <summary>The user sent /mode: the first question.</summary>
    public static FlowResult Begin(FlowContext context)
    {
        var flow = new ModeFlow(Session.Start(Name, nameof(State.Asking), context.Now));
        return FlowResult.Keep(flow._session, Reply.Send(Texts.Mode.Intro + "\n\n" + flow.QuestionText(), flow.Buttons()));
    }

    public static ModeFlow? Resume(Session session) =>
        session.Flow == Name && Enum.TryParse<State>(session.State, out var state) && state != State.Closed ? new ModeFlow(session) : null;

    /// <summary>The user typed an answer.</summary>
    public FlowResult Answer(string text)
    {
        if (_machine.State == State.Recommended)
        {
            return FlowResult.Keep(_session, Reply.Send(Texts.Mode.AfterRecommendation, Buttons()));
        }

        var question = TreeAnswers.Walk(_session).Question!;
        var yes = TreeAnswers.ReadYesNo(text, question, out var stale);
        if (stale)
        {
            return Show(Texts.StaleButton);
        }

        if (yes is null)
        {
            return Show(Texts.Check.Invalid(new InputProblem("answer", Texts.Mode.YesOrNo)));
        }

        _session = TreeAnswers.Answer(_session, question, yes.Value);
        _machine.Fire(Trigger.Answered);
        return Show();
    }

    /// <summary>The user pressed Yes or No (possibly on an old message).</summary>
    public FlowResult Press(string data) =>
        Answer(data[(Name.Length + 1)..]) is var result && _machine.State == State.Asking
            ? result with { Replies = [.. result.Replies.Select(r => r.AsEdit())] }
            : result;

    /// <summary>The user sent /back: the previous question again.</summary>
    public FlowResult Back()
    {
        if (!_machine.CanFire(Trigger.Back))
        {
            return Show(Texts.Mode.FirstQuestion);
        }

        // Fire first: the guard looks at the answers, and the undo changes them.
        _machine.Fire(Trigger.Back);
        TreeAnswers.TryUndo(_session, out _session);
        return Show();
    }

    public FlowResult Cancel()
    {
        _machine.Fire(Trigger.Cancelled);
        return FlowResult.End(Reply.Send(Texts.Mode.Cancelled));
    }

    private FlowResult Show(string? before = null) =>
        FlowResult.Keep(_session, Reply.Send((before is null ? string.Empty : before + "\n\n") + QuestionText(), Buttons()));

    private string QuestionText()
    {
        var step = TreeAnswers.Walk(_session);
        return step.Outcome is { } outcome
            ? Texts.Mode.Recommendation(outcome, step.Path)
            : Texts.Mode.Question(step.Question!, step.Path.Count + 1);
    }

    private IReadOnlyList<Button>[] Buttons()
    {
        var step = TreeAnswers.Walk(_session);
        if (step.Question is { } q)
        {
            return [[new Button(Texts.Mode.YesLabel, $"{Name}:{TreeAnswers.ButtonValue(q, true)}"), new Button(Texts.Mode.NoLabel, $"{Name}:{TreeAnswers.ButtonValue(q, false)}")]];
        }

        return [[new Button(Texts.Mode.StartCheckLabel, StartCheckData)]];
    }
}
