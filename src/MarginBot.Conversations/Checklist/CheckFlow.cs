using MarginBot.Conversations.Books;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.ModeTree;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using Stateless;
using Keys = MarginBot.Conversations.Checklist.CheckDraft.Keys;

namespace MarginBot.Conversations.Checklist;

/// <summary>
/// The pre-trade checklist: the questions of <see cref="CheckSteps.All"/> in order (symbol and side →
/// entry → size → leverage → margin mode, confirmed explicitly → futures wallet → max loss →
/// stop-loss → holding time), then the summary card. The machine is rebuilt around the stored
/// session for every message; its public methods are what the user did. Its states are the steps'
/// ids plus the summary, the edit grid, the decision tree and the end.
/// </summary>
internal sealed class CheckFlow
{
    public const string Name = "check";

    private const string Prefix = "chk";
    private const string Summary = "Summary";
    private const string Edit = "Edit";
    private const string ModeTree = "ModeTree";
    private const string Closed = "Closed";
    private const string ModeStep = "Mode";

    private static readonly IReadOnlyList<CheckStep> Steps = CheckSteps.All;

    private readonly FlowContext _context;
    private readonly StateMachine<string, Trigger> _machine;
    private readonly StateMachine<string, Trigger>.TriggerWithParameters<string> _itemPicked;
    private Session _session;

    private CheckFlow(Session session, FlowContext context)
    {
        _session = session;
        _context = context;
        _machine = new StateMachine<string, Trigger>(() => _session.State, s => _session = _session with { State = s });
        _itemPicked = _machine.SetTriggerParameters<string>(Trigger.ItemPicked);
        for (var i = 0; i < Steps.Count; i++)
        {
            var next = i + 1 < Steps.Count ? Steps[i + 1].Id : Summary;
            var config = _machine.Configure(Steps[i].Id)
                .PermitDynamic(Trigger.Answered, () => Draft.Returning ? Summary : next)
                .Permit(Trigger.Cancelled, Closed);
            if (i > 0)
            {
                var previous = Steps[i - 1].Id;
                config.PermitDynamic(Trigger.Back, () => Draft.Returning ? Summary : previous);
            }
            else
            {
                config.PermitIf(Trigger.Back, Summary, () => Draft.Returning);
            }
        }

        // "Not sure" at the margin-mode step walks the article's tree inside the checklist, so nothing
        // answered so far is lost; the recommendation is followed by the same explicit choice.
        _machine.Configure(ModeStep)
            .Permit(Trigger.NotSure, ModeTree);
        _machine.Configure(ModeTree)
            .OnEntryFrom(Trigger.NotSure, () => _session = TreeAnswers.Clear(_session))
            .InternalTransition(Trigger.TreeAnswered, () => { })
            .InternalTransitionIf(Trigger.Back, _ => TreeAnswers.Walk(_session).Path.Count > 0, _ => TreeAnswers.TryUndo(_session, out _session))
            .PermitIf(Trigger.Back, ModeStep, () => TreeAnswers.Walk(_session).Path.Count == 0)
            .PermitDynamic(Trigger.Answered, () => Draft.Returning ? Summary : AfterMode)
            .OnExit(() => _session = TreeAnswers.Clear(_session))
            .Permit(Trigger.Cancelled, Closed);

        _machine.Configure(Summary)
            .OnEntry(() => _session = _session.WithAnswer(Keys.Returning, null))
            .Permit(Trigger.Back, Steps[^1].Id)
            .Permit(Trigger.EditRequested, Edit)
            .InternalTransitionIf(Trigger.SwitchedToIsolated, _ => Draft.Mode == MarginMode.Cross, _ => _session = _session.WithAnswer(Keys.Mode, nameof(MarginMode.Isolated)))
            .Permit(Trigger.Saved, Closed)
            .Permit(Trigger.Cancelled, Closed);
        _machine.Configure(Edit)
            .PermitDynamic(_itemPicked, step => step)
            .Permit(Trigger.Back, Summary)
            .Permit(Trigger.Cancelled, Closed);
    }

    private enum Trigger
    {
        Answered,
        Back,
        EditRequested,
        ItemPicked,
        SwitchedToIsolated,
        Saved,
        Cancelled,
        NotSure,
        TreeAnswered,
    }

    // The step after the margin mode, where the decision tree's choice leads.
    private static string AfterMode => Steps[CheckSteps.IndexOf(CheckSteps.Find(ModeStep)!) + 1].Id;

    private string Current => _machine.State;

    private CheckDraft Draft => new(_session);

    /// <summary>True when <paramref name="data"/> is one of this flow's buttons.</summary>
    public static bool Owns(string data) => data.StartsWith(Prefix + ":", StringComparison.Ordinal);

    /// <summary>The user sent /check: a fresh checklist.</summary>
    public static FlowResult Begin(FlowContext context)
    {
        var flow = new CheckFlow(Session.Start(Name, Steps[0].Id, context.Now), context);
        return FlowResult.Keep(flow._session, Reply.Send(Texts.Check.Intro(Steps.Count) + "\n\n" + flow.QuestionText()));
    }

    /// <summary>The flow around a stored session, or <c>null</c> when the session is not a readable checklist.</summary>
    public static CheckFlow? Resume(Session session, FlowContext context) =>
        session.Flow == Name && IsState(session.State) && session.State != Closed ? new CheckFlow(session, context) : null;

    private static bool IsState(string state) => state is Summary or Edit or ModeTree || CheckSteps.Find(state) is not null;

    /// <summary>The user typed an answer.</summary>
    public FlowResult Answer(string text)
    {
        try
        {
            return Current switch
            {
                Summary => SummaryWord(text),
                Edit => Pick(text),
                ModeTree => AnswerTree(text),
                var id => AnswerQuestion(CheckSteps.Find(id)!, text),
            };
        }
        catch (InputException e)
        {
            return FlowResult.Keep(_session, Reply.Send(Texts.Check.Invalid(e.Problem) + "\n\n" + QuestionText(), QuestionButtons()));
        }
    }

    /// <summary>The user pressed one of the flow's buttons, possibly on an old message.</summary>
    public FlowResult Press(string data)
    {
        var parts = data.Split(':', 3);
        if (parts.Length != 3 || parts[1] != Current)
        {
            return FlowResult.Keep(_session, Reply.Send(Texts.StaleButton + "\n\n" + QuestionText(), QuestionButtons()));
        }

        // Wizard steps edit the question in place; the summary's actions answer with new messages.
        var result = Answer(parts[2]);
        return parts[1] == Summary ? result : result with { Replies = [.. result.Replies.Select(r => r.AsEdit())] };
    }

    /// <summary>The user sent /back.</summary>
    public FlowResult Back()
    {
        if (!_machine.CanFire(Trigger.Back))
        {
            return FlowResult.Keep(_session, Reply.Send(Texts.Check.FirstQuestion + "\n\n" + QuestionText(), QuestionButtons()));
        }

        _machine.Fire(Trigger.Back);
        return Show();
    }

    /// <summary>The user sent /cancel or pressed Cancel.</summary>
    public FlowResult Cancel()
    {
        _machine.Fire(Trigger.Cancelled);
        return FlowResult.End(Reply.Send(Texts.Check.Cancelled));
    }

    private FlowResult Show(string? before = null) =>
        FlowResult.Keep(_session, Reply.Send((before is null ? string.Empty : before + "\n\n") + QuestionText(), QuestionButtons()));

    private FlowResult Answered()
    {
        _machine.Fire(Trigger.Answered);
        return Show();
    }

    private FlowResult AnswerQuestion(CheckStep step, string text)
    {
        var (outcome, session) = step.Read(text, _session, _context);
        _session = session;
        return outcome switch
        {
            StepOutcome.UseMark => EntryFromMark(),
            StepOutcome.NotSure => DecideMode(),
            StepOutcome.Incomplete => Show(),
            _ => Answered(),
        };
    }

    // "Use the mark": the exchange's mark becomes the entry, with its source and age; without a live
    // price the trader is told so plainly and the question stays where it was.
    private FlowResult EntryFromMark()
    {
        var mark = _context.Live.Mark(_context.Settings.Profile.Id, Draft.Symbol!);
        if (!mark.IsAvailable)
        {
            return Show(Texts.Market.NoLiveEntry(mark));
        }

        _session = _session.WithAnswer(Keys.Entry, CheckDraft.Text(mark.Value.Price))
            .WithAnswer(Keys.EntrySource, mark.Source)
            .WithAnswer(Keys.EntryFetched, mark.FetchedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        _machine.Fire(Trigger.Answered);
        return Show(Texts.Check.EntryFromMark(mark, _context.Now));
    }

    /// <summary>The user sent /mode during the checklist: the tree, when the checklist is at its mode step.</summary>
    public FlowResult? DecideModeFromCommand() => Current switch
    {
        ModeStep => DecideMode(),
        ModeTree => Show(),
        _ => null,
    };

    private FlowResult DecideMode()
    {
        _machine.Fire(Trigger.NotSure);
        return Show(Texts.Mode.CheckTreeIntro);
    }

    private FlowResult AnswerTree(string text)
    {
        if (Words.TryParseMode(text, out var chosen))
        {
            _session = _session.WithAnswer(Keys.Mode, chosen.ToString());
            return Answered();
        }

        var step = TreeAnswers.Walk(_session);
        if (step.Question is not { } question)
        {
            throw new InputException(Texts.PieceMode, Texts.Check.ModeExample);
        }

        var yes = TreeAnswers.ReadYesNo(text, question, out var stale);
        if (stale)
        {
            return Show(Texts.StaleButton);
        }

        if (yes is null)
        {
            throw new InputException("answer", Texts.Mode.YesNoOrMode);
        }

        _session = TreeAnswers.Answer(_session, question, yes.Value);
        _machine.Fire(Trigger.TreeAnswered);
        return Show();
    }

    private FlowResult SummaryWord(string text)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "save" or "save position" or "save the position":
                return Save();
            case "iso" or "isolated" or "compare" or "switch to isolated and compare":
                return SwitchToIsolated();
            case "edit" or "edit an item":
                _machine.Fire(Trigger.EditRequested);
                return Show();
            case "cancel":
                return Cancel();
            default:
                return Show(Texts.Check.UseSummaryButtons);
        }
    }

    private FlowResult Pick(string text)
    {
        var word = text.Trim().ToLowerInvariant();
        if (word is "back" or "back to summary")
        {
            _machine.Fire(Trigger.Back);
            return Show();
        }

        foreach (var step in Steps)
        {
            if (string.Equals(word, step.Id, StringComparison.OrdinalIgnoreCase)
                || string.Equals(word, step.ItemLabel, StringComparison.OrdinalIgnoreCase))
            {
                _session = _session.WithAnswer(Keys.Returning, "1");
                _machine.Fire(_itemPicked, step.Id);
                return Show();
            }
        }

        return Show(Texts.Check.PickAnItem);
    }

    private FlowResult Save()
    {
        var draft = Draft;
        var book = _context.Book;
        if (book.Positions.Count >= _context.Options.MaxPositions)
        {
            return Show(Texts.Book.TooManyPositions(_context.Options.MaxPositions));
        }

        var position = CheckSummary.PositionOf(draft);
        var changed = book with { WalletBalance = draft.Wallet, Positions = [.. book.Positions, position] };
        var engineBook = BookCommandsBook(changed);
        if (BookValidator.FirstProblem(engineBook) is { } problem)
        {
            return Show(Texts.Check.CannotSave(problem));
        }

        _machine.Fire(Trigger.Saved);
        return new FlowResult(null, [Reply.Send(Texts.Check.Saved(position, changed.Positions.Count, draft.Wallet!.Value))], changed);
    }

    private Book BookCommandsBook(TraderBook book) => Portfolio.BookCommands.ToEngineBook(book, _context.Settings, _context.Catalog);

    private FlowResult SwitchToIsolated()
    {
        var draft = Draft;
        if (!_machine.CanFire(Trigger.SwitchedToIsolated))
        {
            return Show(Texts.Check.AlreadyIsolated);
        }

        var cross = CheckSummary.Of(draft, _context.Settings, _context.Catalog, _context.Options.DefaultFundingRate);
        var isolated = CheckSummary.Of(draft, _context.Settings, _context.Catalog, _context.Options.DefaultFundingRate, MarginMode.Isolated);
        _machine.Fire(Trigger.SwitchedToIsolated);
        return Show(Texts.Check.Comparison(cross, isolated));
    }

    private string QuestionText()
    {
        var draft = Draft;
        return Current switch
        {
            ModeTree => TreeAnswers.Walk(_session) is { Outcome: { } outcome } walked
                ? Texts.Mode.Recommendation(outcome, walked.Path) + "\n\n" + CheckSteps.Number(CheckSteps.Find(ModeStep)!) + Texts.Check.AskModeAfterTree
                : CheckSteps.Number(CheckSteps.Find(ModeStep)!) + Texts.Mode.Question(TreeAnswers.Walk(_session).Question!, TreeAnswers.Walk(_session).Path.Count + 1),
            Summary => Texts.Check.Summary(CheckSummary.Of(draft, _context.Settings, _context.Catalog, _context.Options.DefaultFundingRate), draft.EntryMark, _context.Now),
            Edit => Texts.Check.PickAnItem,
            var id when CheckSteps.Find(id) is { } step => CheckSteps.Number(step) + step.Ask(draft, _context),
            _ => string.Empty,
        };
    }

    private IReadOnlyList<Button>[] QuestionButtons()
    {
        var state = Current;
        Button B(string label, string value) => new(label, $"{Prefix}:{state}:{value}");
        return state switch
        {
            ModeTree => TreeAnswers.Walk(_session) switch
            {
                { Question: { } q } => [[B(Texts.Mode.YesLabel, TreeAnswers.ButtonValue(q, true)), B(Texts.Mode.NoLabel, TreeAnswers.ButtonValue(q, false))]],
                { Outcome.Recommendation: Engine.Decisions.ModeRecommendation.CrossAcceptable } =>
                    [[B(Texts.Check.CrossAcceptableLabel, "cross"), B(Texts.Check.IsolatedLabel, "isolated")]],
                _ => [[B(Texts.Check.IsolatedRecommendedLabel, "isolated"), B(Texts.Check.CrossLabel, "cross")]],
            },
            Summary => Draft.Mode == MarginMode.Cross
                ? [[B(Texts.Check.SaveLabel, "save")], [B(Texts.Check.CompareLabel, "iso")], [B(Texts.Check.EditLabel, "edit"), B(Texts.Check.CancelLabel, "cancel")]]
                : [[B(Texts.Check.SaveLabel, "save")], [B(Texts.Check.EditLabel, "edit"), B(Texts.Check.CancelLabel, "cancel")]],

            // The edit grid: every step's item, three to a row, then the way back.
            Edit => [.. Steps.Chunk(3).Select(row => (IReadOnlyList<Button>)[.. row.Select(step => B(step.ItemLabel, step.Id))]), [B(Texts.Check.BackToSummaryLabel, "back")]],
            var id when CheckSteps.Find(id) is { } step =>
            [
                .. (step.Buttons?.Invoke(Draft, _context) ?? []).Select(row => (IReadOnlyList<Button>)[.. row.Select(b => B(b.Label, b.Value))]),
                .. step.Skippable ? [(IReadOnlyList<Button>)[B(Texts.Check.SkipLabel, "skip")]] : Array.Empty<IReadOnlyList<Button>>(),
            ],
            _ => [],
        };
    }
}
