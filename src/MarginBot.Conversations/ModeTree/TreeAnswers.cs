using MarginBot.Conversations.Sessions;
using MarginBot.Engine.Decisions;

namespace MarginBot.Conversations.ModeTree;

/// <summary>
/// The decision tree's answers kept in a session (<c>tree.new = yes</c>), shared by /mode and by the
/// checklist's "Not sure" step. The walk itself is the engine's <see cref="MarginModeTree.Walk"/>.
/// </summary>
internal static class TreeAnswers
{
    private const string Prefix = "tree.";

    /// <summary>Where the stored answers lead.</summary>
    public static TreeStep Walk(Session session) => MarginModeTree.Walk(Read(session));

    /// <summary>The session with <paramref name="yes"/> as the answer to the current question.</summary>
    public static Session Answer(Session session, TreeQuestion question, bool yes) =>
        session.WithAnswer(Prefix + question.Id, yes ? "yes" : "no");

    /// <summary>The session without the last answer on the path; <c>false</c> when nothing was answered.</summary>
    public static bool TryUndo(Session session, out Session undone)
    {
        var path = Walk(session).Path;
        undone = path.Count == 0 ? session : session.WithAnswer(Prefix + path[^1].Key, null);
        return path.Count > 0;
    }

    /// <summary>The session with every tree answer removed.</summary>
    public static Session Clear(Session session)
    {
        foreach (var key in session.Answers.Keys.Where(k => k.StartsWith(Prefix, StringComparison.Ordinal)).ToList())
        {
            session = session.WithAnswer(key, null);
        }

        return session;
    }

    /// <summary>
    /// Reads a yes/no answer to <paramref name="question"/>: typed (<c>yes</c>, <c>no</c>, <c>y</c>,
    /// <c>n</c>) or a button's <c>QUESTION=yes</c>. <c>null</c> when it is neither; <paramref name="stale"/>
    /// is true for a button of another question.
    /// </summary>
    public static bool? ReadYesNo(string text, TreeQuestion question, out bool stale)
    {
        stale = false;
        var word = text.Trim().ToLowerInvariant();
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            stale = !string.Equals(word[..equals], question.Id, StringComparison.Ordinal);
            word = word[(equals + 1)..];
        }

        bool? answer = word switch
        {
            "yes" or "y" or "yep" or "yeah" or "true" => true,
            "no" or "n" or "nope" or "false" => false,
            _ => null,
        };
        return stale ? null : answer;
    }

    /// <summary>Button data for answering <paramref name="question"/>.</summary>
    public static string ButtonValue(TreeQuestion question, bool yes) => question.Id + (yes ? "=yes" : "=no");

    private static Dictionary<string, bool> Read(Session session)
    {
        var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (key, value) in session.Answers)
        {
            if (key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                answers[key[Prefix.Length..]] = value == "yes";
            }
        }

        return answers;
    }
}
