using MarginBot.Conversations.Books;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Contracts;
using Keys = MarginBot.Conversations.Checklist.CheckDraft.Keys;

namespace MarginBot.Conversations.Checklist;

/// <summary>What reading an answer to a step came to.</summary>
internal enum StepOutcome
{
    /// <summary>The step is answered: on to the next one.</summary>
    Answered,

    /// <summary>Part of it was given (a coin without a side): ask the rest.</summary>
    Incomplete,

    /// <summary>"Use the mark": the entry is the exchange's mark, which the flow fetches.</summary>
    UseMark,

    /// <summary>"Not sure": the flow walks the article's decision tree inside the checklist.</summary>
    NotSure,
}

/// <summary>A button a step offers under its question: its label and the answer it types.</summary>
internal readonly record struct StepButton(string Label, string Value);

/// <summary>
/// One question of the pre-trade checklist, as data: the flow numbers the questions, builds the
/// edit grid and moves between them; each step says what it asks, what it offers, and how it reads
/// an answer into the session. Adding a step is one entry in <see cref="CheckSteps.All"/> and its texts.
/// </summary>
/// <param name="Id">Stable: the stored state and the buttons' data carry it.</param>
/// <param name="ItemLabel">Its button in the summary's edit grid.</param>
/// <param name="Ask">The question (the flow puts its number in front).</param>
/// <param name="Read">Reads an answer; a wrong one raises an <see cref="InputException"/> naming what was expected.</param>
/// <param name="Buttons">The rows of buttons under the question, if any.</param>
/// <param name="Skippable">True when "skip" is an answer (the item then shows as missing); a Skip button is added.</param>
internal sealed record CheckStep(
    string Id,
    string ItemLabel,
    Func<CheckDraft, FlowContext, string> Ask,
    Func<string, Session, FlowContext, (StepOutcome Outcome, Session Session)> Read,
    Func<CheckDraft, FlowContext, IReadOnlyList<IReadOnlyList<StepButton>>>? Buttons = null,
    bool Skippable = false);

/// <summary>The checklist's questions, in the order they are asked.</summary>
internal static class CheckSteps
{
    public static IReadOnlyList<CheckStep> All { get; } =
    [
        new("Symbol", Texts.Check.ItemSymbol,
            static (draft, _) => draft.Symbol is { } symbol && draft.Side is null ? Texts.Check.AskSide(symbol) : Texts.Check.AskSymbol,
            ReadSymbol,
            static (draft, _) => draft.Symbol is not null && draft.Side is null
                ? [[new(Texts.Check.LongLabel, "long"), new(Texts.Check.ShortLabel, "short")]]
                : []),
        new("Entry", Texts.Check.ItemEntry,
            static (draft, context) => Texts.Check.AskEntry(draft.Symbol!, draft.Side!.Value, context.Live.IsLive),
            static (text, session, _) => CheckAnswers.IsMark(text)
                ? (StepOutcome.UseMark, session)
                : Answered(session.WithAnswer(Keys.Entry, CheckDraft.Text(CheckAnswers.Positive(text, Texts.PieceEntry, Texts.Check.EntryExample)))
                    .WithAnswer(Keys.EntrySource, null).WithAnswer(Keys.EntryFetched, null)),
            static (_, context) => context.Live.IsLive ? [[new(Texts.Check.UseMarkLabel, "mark")]] : []),
        new("Size", Texts.Check.ItemSize,
            static (draft, _) => Texts.Check.AskSize(draft.Symbol!, draft.Entry!.Value),
            static (text, session, _) =>
            {
                var (quantity, notional) = CheckAnswers.Size(text, new CheckDraft(session).Symbol!);
                return Answered(session.WithAnswer(Keys.Quantity, quantity is { } q ? CheckDraft.Text(q) : null)
                    .WithAnswer(Keys.Notional, notional is { } n ? CheckDraft.Text(n) : null));
            }),
        new("Leverage", Texts.Check.ItemLeverage,
            static (_, _) => Texts.Check.AskLeverage,
            static (text, session, context) =>
            {
                var draft = new CheckDraft(session);
                var position = new Position
                {
                    Symbol = draft.Symbol!,
                    Side = draft.Side!.Value,
                    Quantity = draft.QuantityAtEntry!.Value,
                    EntryPrice = draft.Entry!.Value,
                    Mode = MarginMode.Isolated,
                };
                var leverage = CheckAnswers.Leverage(text, position, context.Settings.Profile, context.Catalog);
                return Answered(session.WithAnswer(Keys.Leverage, CheckDraft.Text(leverage)));
            }),
        new("Mode", Texts.Check.ItemMode,
            static (_, _) => Texts.Check.AskMode,
            static (text, session, _) =>
            {
                if (IsNotSure(text))
                {
                    return (StepOutcome.NotSure, session);
                }

                return Words.TryParseMode(text, out var mode)
                    ? Answered(session.WithAnswer(Keys.Mode, mode.ToString()))
                    : throw new InputException(Texts.PieceMode, Texts.Check.ModeExample);
            },
            static (_, _) => [[new(Texts.Check.IsolatedLabel, "isolated"), new(Texts.Check.CrossLabel, "cross")], [new(Texts.Check.NotSureLabel, "unsure")]]),
        new("Wallet", Texts.Check.ItemWallet,
            static (draft, _) => Texts.Check.AskWallet(draft.Margin!.Value),
            static (text, session, _) =>
            {
                if (!Numbers.TryParse(text, out var wallet) || wallet < 0)
                {
                    throw new InputException(Texts.PieceWallet, Texts.Check.WalletExample);
                }

                if (new CheckDraft(session).Margin is { } margin && wallet < margin)
                {
                    throw new InputException(Texts.PieceWallet, Texts.Check.WalletBelowMargin(margin));
                }

                return Answered(session.WithAnswer(Keys.Wallet, CheckDraft.Text(wallet)));
            },
            static (draft, context) => context.Book.WalletBalance is { } w && draft.Margin is { } m && w >= m
                ? [[new(Texts.Check.UseMyWallet(w), CheckDraft.Text(w))]]
                : []),
        new("MaxLoss", Texts.Check.ItemMaxLoss,
            static (_, _) => Texts.Check.AskMaxLoss,
            static (text, session, _) => Answered(session.WithAnswer(Keys.MaxLoss, CheckAnswers.IsSkip(text)
                ? CheckDraft.Skipped
                : CheckDraft.Text(CheckAnswers.Positive(text, Texts.PieceMaxLoss, Texts.Check.MaxLossExample)))),
            Skippable: true),
        new("Stop", Texts.Check.ItemStop,
            static (draft, _) => Texts.Check.AskStop(draft.Side!.Value, draft.Entry!.Value),
            static (text, session, _) =>
            {
                if (CheckAnswers.IsSkip(text))
                {
                    return Answered(session.WithAnswer(Keys.Stop, CheckDraft.Skipped));
                }

                var draft = new CheckDraft(session);
                var (side, entry) = (draft.Side!.Value, draft.Entry!.Value);
                var stop = CheckAnswers.Positive(text, Texts.PieceStop, Texts.Check.StopExample(side, entry));
                return side.Sign() * (entry - stop) > 0
                    ? Answered(session.WithAnswer(Keys.Stop, CheckDraft.Text(stop)))
                    : throw new InputException(Texts.PieceStop, Texts.Check.StopWrongSide(side, entry));
            },
            Skippable: true),
        new("Hold", Texts.Check.ItemHold,
            static (_, _) => Texts.Check.AskHold,
            static (text, session, _) => Answered(session.WithAnswer(Keys.Hold, CheckAnswers.IsSkip(text)
                ? CheckDraft.Skipped
                : CheckDraft.Text(CheckAnswers.Hours(text)))),
            Skippable: true),
    ];

    /// <summary>The step called <paramref name="id"/>, or <c>null</c>.</summary>
    public static CheckStep? Find(string id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>"3/9 ": a step's number before its question.</summary>
    public static string Number(CheckStep step) => $"{IndexOf(step) + 1}/{All.Count} ";

    public static int IndexOf(CheckStep step)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (ReferenceEquals(All[i], step))
            {
                return i;
            }
        }

        throw new ArgumentException($"{step?.Id} is not a checklist step.", nameof(step));
    }

    private static (StepOutcome, Session) Answered(Session session) => (StepOutcome.Answered, session);

    private static bool IsNotSure(string text) => text.Trim().ToLowerInvariant() is "unsure" or "not sure" or "?" or "help" or "dunno" or "/mode" or "mode";

    // Coin and side, in any order and in one or two messages.
    private static (StepOutcome, Session) ReadSymbol(string text, Session session, FlowContext context)
    {
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Words.TryParseSide(word, out var side) && word.Length > 1)
            {
                session = session.WithAnswer(Keys.Side, side.ToString());
            }
            else if (Symbols.TryNormalize(word, out var symbol, out var kind) && word.Any(char.IsAsciiLetter) && kind == ContractKind.Linear
                && SymbolCatalog.IsListed(context.Catalog, symbol, kind))
            {
                session = session.WithAnswer(Keys.Symbol, symbol);
            }
            else
            {
                throw new InputException(word, Texts.Check.SymbolExample);
            }
        }

        var draft = new CheckDraft(session);
        return (draft.Symbol is null || draft.Side is null ? StepOutcome.Incomplete : StepOutcome.Answered, session);
    }
}
