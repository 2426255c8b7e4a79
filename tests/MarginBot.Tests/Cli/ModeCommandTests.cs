using MarginBot.Cli;

namespace MarginBot.Tests.Cli;

public sealed class ModeCommandTests : IDisposable
{
    private readonly RiskCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Mode_AnswersMonitoredHedgeNoIdle_CrossAcceptableJson()
    {
        Assert.Equal(0, _cli.Run("mode", "--answers", "new=no,explain-mm=yes,hedge=yes,monitored=yes,idle=no", "--json"));

        Assert.Equal("cross-acceptable", _cli.Json().GetProperty("recommendation").GetString());
        Assert.Equal(5, _cli.Json().GetProperty("path").GetArrayLength());
    }

    [Fact]
    public void Mode_AnswersNewYes_Isolated()
    {
        Assert.Equal(0, _cli.Run("mode", "--answers", "new=yes"));

        Assert.StartsWith("Recommendation: isolated", _cli.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("new=no", "error: --answers: no answer to 'explain-mm'")]
    [InlineData("newbie=yes", "error: --answers: unknown question 'newbie'")]
    [InlineData("new=perhaps", "error: --answers: expected new=yes or new=no")]
    public void Mode_BadAnswers_Exit2NamingAnswers(string answers, string expected)
    {
        Assert.Equal(2, _cli.Run("mode", "--answers", answers));

        Assert.StartsWith(expected, _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Mode_Interactive_AsksUntilOutcomeAndRetriesOnNonsense()
    {
        using var input = new StringReader("no\nyes\nsure?\nyes\nyes\nyes\n");
        using var output = new StringWriter();

        Assert.Equal(0, CliApp.Run(["mode"], output, TextWriter.Null, input: input));

        var text = output.ToString();
        Assert.Contains("Can you explain maintenance margin in one sentence? [yes/no]", text, StringComparison.Ordinal);
        Assert.Contains("Recommendation: not cross while idle cash sits in the futures wallet", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Mode_InteractiveInputEnds_InputExceptionNamesQuestion()
    {
        using var input = new StringReader("no\n");
        using var output = new StringWriter();

        using var error = new StringWriter();

        Assert.Equal(2, CliApp.Run(["mode"], output, error, input: input));

        Assert.StartsWith("error: explain-mm:", error.ToString(), StringComparison.Ordinal);
    }
}
