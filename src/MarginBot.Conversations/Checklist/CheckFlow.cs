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
/// The pre-trade checklist: symbol and side → entry → size → leverage → margin mode (confirmed
/// explicitly) → futures wallet → max loss → stop-loss → holding time → summary card. The machine is
/// rebuilt around the stored session for every message; its public methods are what the user did.
/// </summary>
internal sealed class CheckFlow
{
    public const string Name = "check";

    private const string Prefix = "chk";

    private static readonly Step[] Questions =
        [Step.Symbol, Step.Entry, Step.Size, Step.Leverage, Step.Mode, Step.Wallet, Step.MaxLoss, Step.Stop, Step.Hold];

    private readonly FlowContext _context;
    private readonly StateMachine<Step, Trigger> _machine;
    private readonly StateMachine<Step, Trigger>.TriggerWithParameters<Step> _itemPicked;
    private Session _session;

    private CheckFlow(Session session, FlowContext context)
    {
        _session = session;
        _context = context;
        _machine = new StateMachine<Step, Trigger>(() => Enum.Parse<Step>(_session.State), s => _session = _session with { State = s.ToString() });
        _itemPicked = _machine.SetTriggerParameters<Step>(Trigger.ItemPicked);
        for (var i = 0; i < Questions.Length; i++)
        {
            var next = i + 1 < Questions.Length ? Questions[i + 1] : Step.Summary;
            var config = _machine.Configure(Questions[i])
                .PermitDynamic(Trigger.Answered, () => Draft.Returning ? Step.Summary : next)
                .Permit(Trigger.Cancelled, Step.Closed);
            if (i > 0)
            {
                var previous = Questions[i - 1];
                config.PermitDynamic(Trigger.Back, () => Draft.Returning ? Step.Summary : previous);
            }
            else
            {
                config.PermitIf(Trigger.Back, Step.Summary, () => Draft.Returning);
            }
        }

        // "Not sure" at the margin-mode step walks the article's tree inside the checklist, so nothing
        // answered so far is lost; the recommendation is followed by the same explicit choice.
        _machine.Configure(Step.Mode)
            .Permit(Trigger.NotSure, Step.ModeTree);
        _machine.Configure(Step.ModeTree)
            .OnEntryFrom(Trigger.NotSure, () => _session = TreeAnswers.Clear(_session))
            .InternalTransition(Trigger.TreeAnswered, () => { })
            .InternalTransitionIf(Trigger.Back, _ => TreeAnswers.Walk(_session).Path.Count > 0, _ => TreeAnswers.TryUndo(_session, out _session))
            .PermitIf(Trigger.Back, Step.Mode, () => TreeAnswers.Walk(_session).Path.Count == 0)
            .PermitDynamic(Trigger.Answered, () => Draft.Returning ? Step.Summary : Step.Wallet)
            .OnExit(() => _session = TreeAnswers.Clear(_session))
            .Permit(Trigger.Cancelled, Step.Closed);

        _machine.Configure(Step.Summary)
            .OnEntry(() => _session = _session.WithAnswer(Keys.Returning, null))
            .Permit(Trigger.Back, Step.Hold)
            .Permit(Trigger.EditRequested, Step.Edit)
            .InternalTransitionIf(Trigger.SwitchedToIsolated, _ => Draft.Mode == MarginMode.Cross, _ => _session = _session.WithAnswer(Keys.Mode, nameof(MarginMode.Isolated)))
            .Permit(Trigger.Saved, Step.Closed)
            .Permit(Trigger.Cancelled, Step.Closed);
        _machine.Configure(Step.Edit)
            .PermitDynamic(_itemPicked, step => step)
            .Permit(Trigger.Back, Step.Summary)
            .Permit(Trigger.Cancelled, Step.Closed);
    }

    private enum Step
    {
        Symbol,
        Entry,
        Size,
        Leverage,
        Mode,
        Wallet,
        MaxLoss,
        Stop,
        Hold,
        Summary,
        Edit,
        ModeTree,
        Closed,
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

    private Step Current => _machine.State;

    private CheckDraft Draft => new(_session);

    /// <summary>True when <paramref name="data"/> is one of this flow's buttons.</summary>
    public static bool Owns(string data) => data.StartsWith(Prefix + ":", StringComparison.Ordinal);

    /// <summary>The user sent /check: a fresh checklist.</summary>
    public static FlowResult Begin(FlowContext context)
    {
        var flow = new CheckFlow(Session.Start(Name, nameof(Step.Symbol), context.Now), context);
        return FlowResult.Keep(flow._session, Reply.Send(Texts.Check.Intro + "\n\n" + Texts.Check.AskSymbol));
    }

    /// <summary>The flow around a stored session, or <c>null</c> when the session is not a readable checklist.</summary>
    public static CheckFlow? Resume(Session session, FlowContext context) =>
        session.Flow == Name && Enum.TryParse<Step>(session.State, out var step) && step != Step.Closed ? new CheckFlow(session, context) : null;

    /// <summary>The user typed an answer.</summary>
    public FlowResult Answer(string text)
    {
        try
        {
            return Current switch
            {
                Step.Summary => SummaryWord(text),
                Step.Edit => Pick(text),
                Step.ModeTree => AnswerTree(text),
                Step.Symbol => AnswerSymbol(text),
                _ => AnswerQuestion(text),
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
        if (parts.Length != 3 || !Enum.TryParse<Step>(parts[1], out var step) || step != Current)
        {
            return FlowResult.Keep(_session, Reply.Send(Texts.StaleButton + "\n\n" + QuestionText(), QuestionButtons()));
        }

        // Wizard steps edit the question in place; the summary's actions answer with new messages.
        var result = Answer(parts[2]);
        return step is Step.Summary ? result : result with { Replies = [.. result.Replies.Select(r => r.AsEdit())] };
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

    private FlowResult AnswerSymbol(string text)
    {
        string? symbol = null;
        Side? side = null;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Words.TryParseSide(word, out var s) && word.Length > 1)
            {
                side = s;
            }
            else if (Symbols.TryNormalize(word, out var sym, out var kind) && word.Any(char.IsAsciiLetter) && kind == ContractKind.Linear
                && SymbolCatalog.IsListed(_context.Catalog, sym, kind))
            {
                symbol = sym;
            }
            else
            {
                throw new InputException(word, Texts.Check.SymbolExample);
            }
        }

        if (symbol is not null)
        {
            _session = _session.WithAnswer(Keys.Symbol, symbol);
        }

        if (side is not null)
        {
            _session = _session.WithAnswer(Keys.Side, side.Value.ToString());
        }

        if (Draft.Symbol is null || Draft.Side is null)
        {
            return Show();
        }

        return Answered();
    }

    private FlowResult AnswerQuestion(string text)
    {
        var draft = Draft;
        var skip = CheckAnswers.IsSkip(text);
        switch (Current)
        {
            case Step.Entry:
                if (CheckAnswers.IsMark(text))
                {
                    return EntryFromMark();
                }

                _session = _session.WithAnswer(Keys.Entry, CheckDraft.Text(CheckAnswers.Positive(text, Texts.PieceEntry, Texts.Check.EntryExample)))
                    .WithAnswer(Keys.EntrySource, null).WithAnswer(Keys.EntryFetched, null);
                break;
            case Step.Size:
                var (quantity, notional) = CheckAnswers.Size(text, draft.Symbol!);
                _session = _session.WithAnswer(Keys.Quantity, quantity is { } q ? CheckDraft.Text(q) : null)
                    .WithAnswer(Keys.Notional, notional is { } n ? CheckDraft.Text(n) : null);
                break;
            case Step.Leverage:
                var position = new Position
                {
                    Symbol = draft.Symbol!,
                    Side = draft.Side!.Value,
                    Quantity = draft.QuantityAtEntry!.Value,
                    EntryPrice = draft.Entry!.Value,
                    Mode = MarginMode.Isolated,
                };
                var leverage = CheckAnswers.Leverage(text, position, _context.Settings.Profile, _context.Catalog);
                _session = _session.WithAnswer(Keys.Leverage, CheckDraft.Text(leverage));
                break;
            case Step.Mode:
                if (IsNotSure(text))
                {
                    return DecideMode();
                }

                if (!Words.TryParseMode(text, out var mode))
                {
                    throw new InputException(Texts.PieceMode, Texts.Check.ModeExample);
                }

                _session = _session.WithAnswer(Keys.Mode, mode.ToString());
                break;
            case Step.Wallet:
                if (!Numbers.TryParse(text, out var wallet) || wallet < 0)
                {
                    throw new InputException(Texts.PieceWallet, Texts.Check.WalletExample);
                }

                if (draft.Margin is { } margin && wallet < margin)
                {
                    throw new InputException(Texts.PieceWallet, Texts.Check.WalletBelowMargin(margin));
                }

                _session = _session.WithAnswer(Keys.Wallet, CheckDraft.Text(wallet));
                break;
            case Step.MaxLoss:
                _session = _session.WithAnswer(Keys.MaxLoss, skip ? CheckDraft.Skipped : CheckDraft.Text(CheckAnswers.Positive(text, Texts.PieceMaxLoss, Texts.Check.MaxLossExample)));
                break;
            case Step.Stop:
                if (skip)
                {
                    _session = _session.WithAnswer(Keys.Stop, CheckDraft.Skipped);
                    break;
                }

                var stop = CheckAnswers.Positive(text, Texts.PieceStop, Texts.Check.StopExample(draft.Side!.Value, draft.Entry!.Value));
                if (draft.Side!.Value.Sign() * (draft.Entry!.Value - stop) <= 0)
                {
                    throw new InputException(Texts.PieceStop, Texts.Check.StopWrongSide(draft.Side.Value, draft.Entry.Value));
                }

                _session = _session.WithAnswer(Keys.Stop, CheckDraft.Text(stop));
                break;
            case Step.Hold:
                _session = _session.WithAnswer(Keys.Hold, skip ? CheckDraft.Skipped : CheckDraft.Text(CheckAnswers.Hours(text)));
                break;
        }

        return Answered();
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
        Step.Mode => DecideMode(),
        Step.ModeTree => Show(),
        _ => null,
    };

    private static bool IsNotSure(string text) => text.Trim().ToLowerInvariant() is "unsure" or "not sure" or "?" or "help" or "dunno" or "/mode" or "mode";

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

        foreach (var step in Questions)
        {
            if (string.Equals(word, step.ToString(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(word, ItemLabel(step), StringComparison.OrdinalIgnoreCase))
            {
                _session = _session.WithAnswer(Keys.Returning, "1");
                _machine.Fire(_itemPicked, step);
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
            Step.Symbol => draft.Symbol is { } symbol && draft.Side is null ? Texts.Check.AskSide(symbol) : Texts.Check.AskSymbol,
            Step.Entry => Texts.Check.AskEntry(draft.Symbol!, draft.Side!.Value, _context.Live.IsLive),
            Step.Size => Texts.Check.AskSize(draft.Symbol!, draft.Entry!.Value),
            Step.Leverage => Texts.Check.AskLeverage,
            Step.Mode => Texts.Check.AskMode,
            Step.ModeTree => TreeAnswers.Walk(_session) is { Outcome: { } outcome } walked
                ? Texts.Mode.Recommendation(outcome, walked.Path) + "\n\n" + Texts.Check.AskModeAfterTree
                : "5/9 " + Texts.Mode.Question(TreeAnswers.Walk(_session).Question!, TreeAnswers.Walk(_session).Path.Count + 1),
            Step.Wallet => Texts.Check.AskWallet(draft.Margin!.Value),
            Step.MaxLoss => Texts.Check.AskMaxLoss,
            Step.Stop => Texts.Check.AskStop(draft.Side!.Value, draft.Entry!.Value),
            Step.Hold => Texts.Check.AskHold,
            Step.Summary => Texts.Check.Summary(CheckSummary.Of(draft, _context.Settings, _context.Catalog, _context.Options.DefaultFundingRate), draft.EntryMark, _context.Now),
            Step.Edit => Texts.Check.PickAnItem,
            _ => string.Empty,
        };
    }

    private IReadOnlyList<Button>[] QuestionButtons()
    {
        var step = Current;
        Button B(string label, string value) => new(label, $"{Prefix}:{step}:{value}");
        return step switch
        {
            Step.Symbol when Draft.Symbol is not null && Draft.Side is null => [[B(Texts.Check.LongLabel, "long"), B(Texts.Check.ShortLabel, "short")]],
            Step.Entry when _context.Live.IsLive => [[B(Texts.Check.UseMarkLabel, "mark")]],
            Step.Mode => [[B(Texts.Check.IsolatedLabel, "isolated"), B(Texts.Check.CrossLabel, "cross")], [B(Texts.Check.NotSureLabel, "unsure")]],
            Step.ModeTree => TreeAnswers.Walk(_session) switch
            {
                { Question: { } q } => [[B(Texts.Mode.YesLabel, TreeAnswers.ButtonValue(q, true)), B(Texts.Mode.NoLabel, TreeAnswers.ButtonValue(q, false))]],
                { Outcome.Recommendation: Engine.Decisions.ModeRecommendation.CrossAcceptable } =>
                    [[B(Texts.Check.CrossAcceptableLabel, "cross"), B(Texts.Check.IsolatedLabel, "isolated")]],
                _ => [[B(Texts.Check.IsolatedRecommendedLabel, "isolated"), B(Texts.Check.CrossLabel, "cross")]],
            },
            Step.Wallet when _context.Book.WalletBalance is { } w && Draft.Margin is { } m && w >= m => [[B(Texts.Check.UseMyWallet(w), CheckDraft.Text(w))]],
            Step.MaxLoss or Step.Stop or Step.Hold => [[B(Texts.Check.SkipLabel, "skip")]],
            Step.Summary => Draft.Mode == MarginMode.Cross
                ? [[B(Texts.Check.SaveLabel, "save")], [B(Texts.Check.CompareLabel, "iso")], [B(Texts.Check.EditLabel, "edit"), B(Texts.Check.CancelLabel, "cancel")]]
                : [[B(Texts.Check.SaveLabel, "save")], [B(Texts.Check.EditLabel, "edit"), B(Texts.Check.CancelLabel, "cancel")]],
            Step.Edit =>
            [
                [B(ItemLabel(Step.Symbol), nameof(Step.Symbol)), B(ItemLabel(Step.Entry), nameof(Step.Entry)), B(ItemLabel(Step.Size), nameof(Step.Size))],
                [B(ItemLabel(Step.Leverage), nameof(Step.Leverage)), B(ItemLabel(Step.Mode), nameof(Step.Mode)), B(ItemLabel(Step.Wallet), nameof(Step.Wallet))],
                [B(ItemLabel(Step.MaxLoss), nameof(Step.MaxLoss)), B(ItemLabel(Step.Stop), nameof(Step.Stop)), B(ItemLabel(Step.Hold), nameof(Step.Hold))],
                [B(Texts.Check.BackToSummaryLabel, "back")],
            ],
            _ => [],
        };
    }

    private static string ItemLabel(Step step) => step switch
    {
        Step.Symbol => Texts.Check.ItemSymbol,
        Step.Entry => Texts.Check.ItemEntry,
        Step.Size => Texts.Check.ItemSize,
        Step.Leverage => Texts.Check.ItemLeverage,
        Step.Mode => Texts.Check.ItemMode,
        Step.Wallet => Texts.Check.ItemWallet,
        Step.MaxLoss => Texts.Check.ItemMaxLoss,
        Step.Stop => Texts.Check.ItemStop,
        _ => Texts.Check.ItemHold,
    };
}
