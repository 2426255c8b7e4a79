using MarginBot.Conversations.Text;
using MarginBot.Engine.Risk;

namespace MarginBot.Conversations.Portfolio;

/// <summary>
/// The answers about a move of the book that the command line shows as the chat does: one sentence
/// each, written once (in the chat's texts) and rendered as plain text here.
/// </summary>
public static class MoveAnswers
{
    /// <summary>"In cross this wick costs you X of your W wallet …; isolated would have capped it at Y." in plain text.</summary>
    public static string ComparisonSentence(ModeComparison comparison, string asset)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return Html.ToPlain(Texts.Risk.Sentence(comparison, asset));
    }
}
