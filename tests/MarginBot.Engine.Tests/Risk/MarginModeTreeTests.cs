using MarginBot.Engine.Decisions;

namespace MarginBot.Engine.Tests.Risk;

public class MarginModeTreeTests
{
    private static TreeStep Walk(params (string Id, bool Yes)[] answers) =>
        MarginModeTree.Walk(answers.ToDictionary(a => a.Id, a => a.Yes, StringComparer.Ordinal));

    [Fact]
    public void Walk_NewTrader_Isolated()
    {
        var step = Walk(("new", true));

        Assert.True(step.IsFinished);
        Assert.Equal(ModeRecommendation.Isolated, step.Outcome!.Recommendation);
        Assert.Contains(ArticleMistake.CrossByDefault, step.Outcome.Guards);
    }

    [Fact]
    public void Walk_CannotExplainMaintenanceMargin_Isolated()
    {
        Assert.Equal("isolated-learn", Walk(("new", false), ("explain-mm", false)).Outcome!.Id);
    }

    [Fact]
    public void Walk_NotAHedge_Isolated()
    {
        Assert.Equal("isolated-unhedged", Walk(("new", false), ("explain-mm", true), ("hedge", false)).Outcome!.Id);
    }

    [Fact]
    public void Walk_MonitoredHedgeNoIdleCash_CrossAcceptable()
    {
        var step = Walk(("new", false), ("explain-mm", true), ("hedge", true), ("monitored", true), ("idle", false));

        Assert.Equal(ModeRecommendation.CrossAcceptable, step.Outcome!.Recommendation);
        Assert.Equal(5, step.Path.Count);
        Assert.Contains(step.Outcome.Reasons, r => r.Contains("Start small", StringComparison.Ordinal));
    }

    [Fact]
    public void Walk_MonitoredHedgeWithIdleCash_NoCrossWhileIdle()
    {
        var step = Walk(("new", false), ("explain-mm", true), ("hedge", true), ("monitored", true), ("idle", true));

        Assert.Equal(ModeRecommendation.NoCrossWhileIdleFunds, step.Outcome!.Recommendation);
        Assert.Contains(ArticleMistake.IdleBalanceInCross, step.Outcome.Guards);
    }

    [Fact]
    public void Walk_Incomplete_AsksNextQuestion()
    {
        var step = Walk(("new", false), ("idle", true));

        Assert.False(step.IsFinished);
        Assert.Equal("explain-mm", step.Question!.Id);
        Assert.Single(step.Path);
    }

    [Fact]
    public void Tree_EveryBranch_LeadsToAKnownNode()
    {
        foreach (var q in MarginModeTree.Questions)
        {
            Assert.True(MarginModeTree.Question(q.IfYes) is not null || MarginModeTree.Outcome(q.IfYes) is not null, q.IfYes);
            Assert.True(MarginModeTree.Question(q.IfNo) is not null || MarginModeTree.Outcome(q.IfNo) is not null, q.IfNo);
        }

        Assert.All(MarginModeTree.Outcomes, o => Assert.NotEmpty(o.Reasons));
    }

    [Fact]
    public void ToMermaid_DocsDecisionTree_ContainsTheExport()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MarginBot.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var doc = File.ReadAllText(Path.Combine(directory.FullName, "docs", "decision-tree.md"));
        Assert.Contains(MarginModeTree.ToMermaid(), doc, StringComparison.Ordinal);
    }
}
