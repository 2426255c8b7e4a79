using MarginBot.Engine.Decisions;

namespace MarginBot.Conversations.Text;

internal static partial class Texts
{
    /// <summary>/mode, the article's "Which should I use?" decision tree.</summary>
    public static class Mode
    {
        public static string Intro => Say("mode.intro");

        public static string YesLabel => Say("mode.button.yes");

        public static string NoLabel => Say("mode.button.no");

        public static string StartCheckLabel => Say("mode.button.start-check");

        public static string Cancelled => Say("mode.cancelled");

        public static string FirstQuestion => Say("mode.first-question");

        public static string YesOrNo => Say("mode.yes-or-no");

        public static string AfterRecommendation => Say("mode.after-recommendation");

        public static string CheckInProgress => Say("mode.check-in-progress");

        public static string CheckTreeIntro => Say("mode.check-tree-intro");

        public static string YesNoOrMode => Say("mode.yes-no-or-mode");

        public static string Question(TreeQuestion question, int number) =>
            Say("mode.question", ("number", number), ("question", Html.Escape(QuestionText(question))));

        /// <summary>The recommendation card: what to use, why, and the mistakes it guards against.</summary>
        public static string Recommendation(TreeOutcome outcome, IReadOnlyList<KeyValuePair<string, bool>> path)
        {
            var lines = new List<string>
            {
                Say("mode.recommendation.title", ("headline", Headline(outcome.Recommendation))),
                string.Empty,
                Say("mode.recommendation.why"),
            };
            lines.AddRange(outcome.Reasons.Select(r => "• " + Html.Escape(r)));
            lines.Add(string.Empty);
            lines.Add(Say("mode.recommendation.guards"));
            lines.AddRange(outcome.Guards.Select(g => "• " + MistakeLine(g)));
            lines.Add(string.Empty);
            lines.Add(Say("mode.recommendation.answers", ("answers", string.Join(" · ", path.Select(a =>
                Html.Escape(MarginModeTree.Question(a.Key) is { } q ? QuestionText(q) : a.Key) + " " + (a.Value ? YesLabel : NoLabel))))));
            lines.Add(Say("mode.recommendation.check-order-screen"));
            return string.Join("\n", lines);
        }

        public static string Headline(ModeRecommendation recommendation) => recommendation switch
        {
            ModeRecommendation.Isolated => Say("mode.headline.isolated"),
            ModeRecommendation.CrossAcceptable => Say("mode.headline.cross-acceptable"),
            _ => Say("mode.headline.not-cross-while-idle"),
        };

        private static string QuestionText(TreeQuestion question) => question.Id switch
        {
            "new" => Say("mode.tree.new"),
            "explain-mm" => Say("mode.tree.explain-mm"),
            "hedge" => Say("mode.tree.hedge"),
            "monitored" => Say("mode.tree.monitored"),
            "idle" => Say("mode.tree.idle"),
            _ => question.Text,
        };

        private static string MistakeLine(ArticleMistake mistake) => mistake switch
        {
            ArticleMistake.CrossByDefault => Say("mode.mistake.cross-by-default"),
            ArticleMistake.OverLeverage => Say("mode.mistake.over-leverage"),
            ArticleMistake.MisreadingAvailableMargin => Say("mode.mistake.misreading-available-margin"),
            ArticleMistake.IgnoringMaintenanceFeesFunding => Say("mode.mistake.ignoring-costs"),
            ArticleMistake.IdleBalanceInCross => Say("mode.mistake.idle-balance-in-cross"),
            _ => Say("mode.mistake.thinking-cross-prevents-liquidation"),
        };
    }
}
