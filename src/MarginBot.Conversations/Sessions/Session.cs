using System.Collections.Frozen;

namespace MarginBot.Conversations.Sessions;

/// <summary>
/// A conversation in progress for one user in one chat: which flow, which state, the answers so far.
/// The flows' state machines are rebuilt around it on every message; it is the state, they are the rules.
/// Answers are kept as invariant text so any flow can store what it needs without a schema change.
/// </summary>
/// <param name="Flow">The flow's name, e.g. <c>check</c>.</param>
/// <param name="State">The flow's state name.</param>
/// <param name="Answers">Answers by key, invariant text.</param>
/// <param name="LastActivity">When the user last moved the conversation.</param>
public sealed record Session(string Flow, string State, IReadOnlyDictionary<string, string> Answers, DateTimeOffset LastActivity)
{
    /// <summary>A fresh session of <paramref name="flow"/> at <paramref name="state"/>.</summary>
    public static Session Start(string flow, string state, DateTimeOffset now) =>
        new(flow, state, FrozenDictionary<string, string>.Empty, now);

    /// <summary>The answer under <paramref name="key"/>, or <c>null</c>.</summary>
    public string? Answer(string key) => Answers.GetValueOrDefault(key);

    /// <summary>A copy with <paramref name="key"/> set (or removed when <paramref name="value"/> is null).</summary>
    public Session WithAnswer(string key, string? value)
    {
        var answers = new Dictionary<string, string>(Answers, StringComparer.Ordinal);
        if (value is null)
        {
            answers.Remove(key);
        }
        else
        {
            answers[key] = value;
        }

        return this with { Answers = answers.ToFrozenDictionary(StringComparer.Ordinal) };
    }
}

/// <summary>Port: one session per (chat, user).</summary>
public interface ISessionStore
{
    /// <summary>The session, or <c>null</c>.</summary>
    Session? Load(long chatId, long userId);

    /// <summary>Stores the session, replacing any earlier one.</summary>
    void Save(long chatId, long userId, Session session);

    /// <summary>Ends the session.</summary>
    void Delete(long chatId, long userId);
}
