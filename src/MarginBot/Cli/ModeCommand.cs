using System.Text.Json;
using MarginBot.Conversations.Books;
using MarginBot.Engine.Decisions;

namespace MarginBot.Cli;

/// <summary>
/// <c>mode</c>: the article's "Which should I use?" tree. Asks each question in the terminal, or
/// takes every answer at once with <c>--answers new=no,explain-mm=yes,...</c>; <c>--mermaid</c>
/// prints the tree as a Mermaid flowchart.
/// </summary>
internal static class ModeCommand
{
    private const int MaxRetries = 3;
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };

    public static int Run(CliArgs cli, TextReader input, TextWriter output)
    {
        if (cli.Flag("mermaid"))
        {
            output.Write(MarginModeTree.ToMermaid());
            return 0;
        }

        TreeStep step;
        if (cli.Text("answers") is { } text)
        {
            step = MarginModeTree.Walk(ParseAnswers(text));
            if (step.Question is { } missing)
            {
                throw new InputException("--answers", $"no answer to '{missing.Id}' ({missing.Text}); expected {missing.Id}=yes or {missing.Id}=no");
            }
        }
        else
        {
            step = Ask(input, output);
        }

        output.Write(cli.Flag("json") ? Json(step) + Environment.NewLine : Human(step));
        return 0;
    }

    internal static Dictionary<string, bool> ParseAnswers(string text)
    {
        var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            var id = parts[0].ToLowerInvariant();
            if (MarginModeTree.Question(id) is null)
            {
                throw new InputException("--answers", $"unknown question '{parts[0]}'; expected one of {string.Join(", ", MarginModeTree.Questions.Select(q => q.Id))}");
            }

            if (parts.Length < 2 || YesNo(parts[1]) is not { } yes)
            {
                throw new InputException("--answers", $"expected {id}=yes or {id}=no, got '{pair}'");
            }

            answers[id] = yes;
        }

        return answers;
    }

    private static bool? YesNo(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "yes" or "y" or "true" => true,
        "no" or "n" or "false" => false,
        _ => null,
    };

    private static TreeStep Ask(TextReader input, TextWriter output)
    {
        var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
        output.WriteLine("Which margin mode should you use? Answer yes or no.");
        while (true)
        {
            var step = MarginModeTree.Walk(answers);
            if (step.Question is not { } question)
            {
                return step;
            }

            bool? answer = null;
            for (var attempt = 0; answer is null; attempt++)
            {
                if (attempt == MaxRetries)
                {
                    throw new InputException(question.Id, "expected yes or no");
                }

                output.Write(question.Text + " [yes/no] ");
                var line = input.ReadLine() ?? throw new InputException(question.Id, "input ended; expected yes or no");
                answer = YesNo(line);
            }

            answers[question.Id] = answer.Value;
        }
    }

    private static string Human(TreeStep step)
    {
        var outcome = step.Outcome!;
        var lines = new List<string>
        {
            "Recommendation: " + Recommendation(outcome.Recommendation),
        };
        lines.AddRange(outcome.Reasons.Select(r => "  - " + r));
        lines.Add("Guards against: " + string.Join(", ", outcome.Guards.Select(Mistake)));
        lines.Add("Answers: " + string.Join(", ", step.Path.Select(p => $"{p.Key}={(p.Value ? "yes" : "no")}")));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static string Json(TreeStep step)
    {
        var outcome = step.Outcome!;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("outcome", outcome.Id);
            json.WriteString("recommendation", Code(outcome.Recommendation));
            json.WriteStartArray("path");
            foreach (var (id, yes) in step.Path)
            {
                json.WriteStartObject();
                json.WriteString("question", id);
                json.WriteBoolean("answer", yes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            Strings(json, "reasons", outcome.Reasons);
            Strings(json, "guards", outcome.Guards.Select(Mistake));
            Strings(json, "warningCodes", outcome.WarningCodes);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static string Code(ModeRecommendation recommendation) => recommendation switch
    {
        ModeRecommendation.Isolated => "isolated",
        ModeRecommendation.CrossAcceptable => "cross-acceptable",
        _ => "no-cross-while-idle-funds",
    };

    private static string Recommendation(ModeRecommendation recommendation) => recommendation switch
    {
        ModeRecommendation.Isolated => "isolated margin.",
        ModeRecommendation.CrossAcceptable => "cross can be acceptable for this deliberate, monitored hedge; start small.",
        _ => "not cross while idle cash sits in the futures wallet: move unused funds out first, or use isolated.",
    };

    private static string Mistake(ArticleMistake mistake) => mistake switch
    {
        ArticleMistake.CrossByDefault => "cross-by-default",
        ArticleMistake.OverLeverage => "over-leverage",
        ArticleMistake.MisreadingAvailableMargin => "misreading-available-margin",
        ArticleMistake.IgnoringMaintenanceFeesFunding => "ignoring-maintenance-fees-funding",
        ArticleMistake.IdleBalanceInCross => "idle-balance-in-cross",
        _ => "thinking-cross-prevents-liquidation",
    };
}
