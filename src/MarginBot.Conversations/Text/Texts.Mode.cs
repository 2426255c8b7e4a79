using MarginBot.Engine.Decisions;

namespace MarginBot.Conversations.Text;

internal static partial class Texts
{
    /// <summary>/mode, the article's "Which should I use?" decision tree.</summary>
    public static class Mode
    {
        public const string Intro = "<b>Isolated or cross?</b> The article's decision tree: up to five yes/no questions, then a recommendation with its reasons. /back changes the previous answer, /cancel leaves.";
        public const string YesLabel = "Yes";
        public const string NoLabel = "No";
        public const string StartCheckLabel = "Start /check";
        public const string Cancelled = "Decision tree closed. /mode starts it again, /check walks the pre-trade checklist.";
        public const string FirstQuestion = "This is the first question; there is nothing before it. /cancel leaves.";
        public const string YesOrNo = "yes or no (or press a button)";
        public const string AfterRecommendation = "That was the last question. /back changes your last answer, /mode starts over, the button below starts the pre-trade checklist.";
        public const string CheckInProgress = "You are in the middle of /check, and /mode would drop it. At the checklist's margin-mode step, press \"Not sure\" to walk the same tree; or /cancel the checklist first.";
        public const string CheckTreeIntro = "Let's decide with the article's tree: up to five yes/no questions. /back goes to the previous question (from the first, back to the mode question); or type isolated or cross at any time.";
        public const string YesNoOrMode = "yes or no, or isolated / cross if you have decided";

        public static string Question(TreeQuestion question, int number) =>
            $"Question {number}: {Html.Escape(QuestionText(question))}";

        /// <summary>The recommendation card: what to use, why, and the mistakes it guards against.</summary>
        public static string Recommendation(TreeOutcome outcome, IReadOnlyList<KeyValuePair<string, bool>> path)
        {
            var lines = new List<string>
            {
                $"<b>Recommendation: {Headline(outcome.Recommendation)}</b>",
                string.Empty,
                "<b>Why</b>",
            };
            lines.AddRange(outcome.Reasons.Select(r => "• " + Html.Escape(r)));
            lines.Add(string.Empty);
            lines.Add("<b>It guards against these mistakes</b>");
            lines.AddRange(outcome.Guards.Select(g => "• " + MistakeLine(g)));
            lines.Add(string.Empty);
            lines.Add("<b>Your answers</b>: " + string.Join(" · ", path.Select(a =>
                Html.Escape(MarginModeTree.Question(a.Key) is { } q ? QuestionText(q) : a.Key) + " " + (a.Value ? "Yes" : "No"))));
            lines.Add("Whatever you pick, check the margin mode on the order screen before you confirm: apps remember the last setting.");
            return string.Join("\n", lines);
        }

        public static string Headline(ModeRecommendation recommendation) => recommendation switch
        {
            ModeRecommendation.Isolated => "isolated",
            ModeRecommendation.CrossAcceptable => "cross can be acceptable; start small",
            _ => "not cross while idle cash sits in the futures wallet; move unused funds out first, or pick isolated",
        };

        private static string QuestionText(TreeQuestion question) => question.Id switch
        {
            "new" => "Are you new to futures, or have you been liquidated before?",
            "explain-mm" => "Can you explain maintenance margin in one sentence?",
            "hedge" => "Are your positions a deliberate hedge, designed to offset each other (or a perp against spot)?",
            "monitored" => "Will you monitor the hedge while it is open?",
            "idle" => "Do you keep extra cash in the futures wallet \"just in case\"?",
            _ => question.Text,
        };

        private static string MistakeLine(ArticleMistake mistake) => mistake switch
        {
            ArticleMistake.CrossByDefault => "<b>Using cross by default</b>: some apps remember your last setting.",
            ArticleMistake.OverLeverage => "<b>Over-leverage because liquidation looks far away</b>: high leverage shrinks the distance to liquidation.",
            ArticleMistake.MisreadingAvailableMargin => "<b>Misreading \"available margin\"</b>: under cross it may include funds you assigned to other trades.",
            ArticleMistake.IgnoringMaintenanceFeesFunding => "<b>Ignoring maintenance margin, fees and funding</b>: they shrink your margin even at a flat price.",
            ArticleMistake.IdleBalanceInCross => "<b>Keeping unused wallet balance exposed in cross</b>: it is liquidation fuel, not safe cash.",
            _ => "<b>Thinking cross prevents liquidation</b>: it delays it, and when it fails it takes the whole wallet.",
        };
    }
}
