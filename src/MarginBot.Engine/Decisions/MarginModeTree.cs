using System.Text;

namespace MarginBot.Engine.Decisions;

/// <summary>What the decision tree recommends.</summary>
public enum ModeRecommendation
{
    /// <summary>Isolated margin: a fence around each idea.</summary>
    Isolated,

    /// <summary>Cross can be acceptable for a deliberate, monitored hedge; start small.</summary>
    CrossAcceptable,

    /// <summary>Not cross while idle cash sits in the futures wallet: move unused funds out first, or pick isolated.</summary>
    NoCrossWhileIdleFunds,
}

/// <summary>The article's common mistakes ("Common mistakes traders make with isolated vs cross margin").</summary>
public enum ArticleMistake
{
    /// <summary>Using cross by default because the app remembered it.</summary>
    CrossByDefault,

    /// <summary>Over-leverage because liquidation looks far away.</summary>
    OverLeverage,

    /// <summary>Misreading "available margin" under cross.</summary>
    MisreadingAvailableMargin,

    /// <summary>Ignoring maintenance margin, fees and funding.</summary>
    IgnoringMaintenanceFeesFunding,

    /// <summary>Keeping unused wallet balance exposed in cross: liquidation fuel.</summary>
    IdleBalanceInCross,

    /// <summary>Thinking cross prevents liquidation.</summary>
    ThinkingCrossPreventsLiquidation,
}

/// <summary>A yes/no question of the tree.</summary>
/// <param name="Id">Stable id, the key of an answer (<c>new=yes</c>).</param>
/// <param name="Text">The question, after the article.</param>
/// <param name="IfYes">Id of the next question or outcome on "yes".</param>
/// <param name="IfNo">Id of the next question or outcome on "no".</param>
public sealed record TreeQuestion(string Id, string Text, string IfYes, string IfNo);

/// <summary>A leaf of the tree.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Recommendation">What to use.</param>
/// <param name="Reasons">Why, after the article.</param>
/// <param name="Guards">The article's mistakes this outcome guards against.</param>
/// <param name="WarningCodes">The engine warnings that watch for the same mistakes on a live book.</param>
public sealed record TreeOutcome(
    string Id,
    ModeRecommendation Recommendation,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<ArticleMistake> Guards,
    IReadOnlyList<string> WarningCodes);

/// <summary>Where a set of answers leads: the next question to ask, or the outcome.</summary>
/// <param name="Question">The next unanswered question, or <c>null</c> when an outcome is reached.</param>
/// <param name="Outcome">The outcome, or <c>null</c> while a question remains.</param>
/// <param name="Path">The questions answered on the way, in order, with their answers.</param>
public sealed record TreeStep(TreeQuestion? Question, TreeOutcome? Outcome, IReadOnlyList<KeyValuePair<string, bool>> Path)
{
    /// <summary>True when an outcome is reached.</summary>
    public bool IsFinished => Outcome is not null;
}

/// <summary>
/// The article's "Which should I use?" decision tree as data, and the pure walk from answers to a
/// recommendation. docs/decision-tree.md holds its Mermaid diagram (<see cref="ToMermaid"/>).
/// </summary>
public static class MarginModeTree
{
    /// <summary>The id of the first question.</summary>
    public const string Start = "new";

    /// <summary>The questions, in the order the tree asks them.</summary>
    public static IReadOnlyList<TreeQuestion> Questions { get; } =
    [
        new("new", "Are you new to futures, or have you been liquidated before?", "isolated-new", "explain-mm"),
        new("explain-mm", "Can you explain maintenance margin in one sentence?", "hedge", "isolated-learn"),
        new("hedge", "Are your positions a deliberate hedge, designed to offset each other (or a perp against spot)?", "monitored", "isolated-unhedged"),
        new("monitored", "Will you monitor the hedge while it is open?", "idle", "isolated-unmonitored"),
        new("idle", "Do you keep extra cash in the futures wallet just in case?", "no-cross-idle", "cross-ok"),
    ];

    /// <summary>The outcomes.</summary>
    public static IReadOnlyList<TreeOutcome> Outcomes { get; } =
    [
        new("isolated-new", ModeRecommendation.Isolated,
            ["If you are new to futures or have been liquidated before, pick isolated: your learning cost stays contained."],
            [ArticleMistake.CrossByDefault, ArticleMistake.ThinkingCrossPreventsLiquidation],
            [Warnings.WarningCodes.CrossWhileNew]),
        new("isolated-learn", ModeRecommendation.Isolated,
            ["If you cannot explain maintenance margin in one sentence, pick isolated: cross hides how close liquidation is."],
            [ArticleMistake.IgnoringMaintenanceFeesFunding, ArticleMistake.MisreadingAvailableMargin],
            [Warnings.WarningCodes.StopBeyondLiquidation, Warnings.WarningCodes.CostsAboveMarginShare]),
        new("isolated-unhedged", ModeRecommendation.Isolated,
            ["A single directional bet, or several positions not designed to hedge each other: pick isolated, one fence per idea.", "In cross one bad move becomes an account-wide problem."],
            [ArticleMistake.CrossByDefault, ArticleMistake.MisreadingAvailableMargin, ArticleMistake.ThinkingCrossPreventsLiquidation],
            [Warnings.WarningCodes.CrossUnhedged]),
        new("isolated-unmonitored", ModeRecommendation.Isolated,
            ["Cross is acceptable for a hedge only when you monitor it; an unwatched hedge in cross can cascade."],
            [ArticleMistake.ThinkingCrossPreventsLiquidation],
            [Warnings.WarningCodes.CrossUnhedged]),
        new("no-cross-idle", ModeRecommendation.NoCrossWhileIdleFunds,
            ["Extra cash in the futures wallet is not safe cash under cross, it is liquidation fuel: move unused funds out first, or pick isolated.", "With the idle funds moved out, a deliberate, monitored hedge may use cross; start small."],
            [ArticleMistake.IdleBalanceInCross, ArticleMistake.MisreadingAvailableMargin],
            [Warnings.WarningCodes.CrossIdleFunds]),
        new("cross-ok", ModeRecommendation.CrossAcceptable,
            ["A deliberate hedge that you monitor: cross can be acceptable. Start small.", "Cross does not prevent liquidation; it moves the liquidation point to the whole wallet."],
            [ArticleMistake.ThinkingCrossPreventsLiquidation, ArticleMistake.OverLeverage],
            [Warnings.WarningCodes.CrossUnhedged, Warnings.WarningCodes.CrossIdleFunds]),
    ];

    /// <summary>The question with <paramref name="id"/>, or <c>null</c>.</summary>
    public static TreeQuestion? Question(string id) => Questions.FirstOrDefault(q => string.Equals(q.Id, id, StringComparison.Ordinal));

    /// <summary>The outcome with <paramref name="id"/>, or <c>null</c>.</summary>
    public static TreeOutcome? Outcome(string id) => Outcomes.FirstOrDefault(o => string.Equals(o.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// Follows <paramref name="answers"/> (question id → yes) from the start. Answers to questions
    /// off the path are ignored. Returns the outcome, or the first question still unanswered.
    /// </summary>
    public static TreeStep Walk(IReadOnlyDictionary<string, bool> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var path = new List<KeyValuePair<string, bool>>();
        var id = Start;
        while (true)
        {
            if (Outcome(id) is { } outcome)
            {
                return new TreeStep(null, outcome, path);
            }

            var question = Question(id) ?? throw new InvalidOperationException($"The tree has no node '{id}'.");
            if (!answers.TryGetValue(question.Id, out var yes))
            {
                return new TreeStep(question, null, path);
            }

            path.Add(new(question.Id, yes));
            id = yes ? question.IfYes : question.IfNo;
        }
    }

    /// <summary>The tree as a Mermaid flowchart.</summary>
    public static string ToMermaid()
    {
        var text = new StringBuilder();
        text.Append("flowchart TD\n");
        foreach (var q in Questions)
        {
            text.Append("    ").Append(Node(q.Id)).Append("{\"").Append(q.Text).Append("\"}\n");
        }

        foreach (var o in Outcomes)
        {
            text.Append("    ").Append(Node(o.Id)).Append("[\"").Append(Label(o.Recommendation)).Append("\"]\n");
        }

        foreach (var q in Questions)
        {
            text.Append("    ").Append(Node(q.Id)).Append(" -- yes --> ").Append(Node(q.IfYes)).Append('\n');
            text.Append("    ").Append(Node(q.Id)).Append(" -- no --> ").Append(Node(q.IfNo)).Append('\n');
        }

        return text.ToString();
    }

    private static string Node(string id) => id.Replace('-', '_');

    private static string Label(ModeRecommendation recommendation) => recommendation switch
    {
        ModeRecommendation.Isolated => "Isolated",
        ModeRecommendation.CrossAcceptable => "Cross acceptable: deliberate, monitored hedge; start small",
        _ => "Not cross while idle cash sits in the futures wallet: move it out first",
    };
}
