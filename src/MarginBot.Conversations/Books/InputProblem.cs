namespace MarginBot.Conversations.Books;

/// <summary>
/// What is wrong with a piece of input: the field, as the user named it, and what was expected.
/// </summary>
/// <param name="Field">The field's name or path, e.g. <c>positions[1].entry</c> or <c>--leverage</c>.</param>
/// <param name="Expected">What would have been accepted, in plain words.</param>
public sealed record InputProblem(string Field, string Expected)
{
    /// <summary>The one line shown to the user.</summary>
    public override string ToString() => $"{Field}: {Expected}";
}

/// <summary>Raised where input cannot be used; carries the <see cref="InputProblem"/> to show.</summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception for <paramref name="problem"/>.</summary>
    public InputException(InputProblem problem)
        : base(problem?.ToString()) => Problem = problem ?? throw new ArgumentNullException(nameof(problem));

    /// <summary>Creates the exception for a field and what was expected of it.</summary>
    public InputException(string field, string expected)
        : this(new InputProblem(field, expected))
    {
    }

    /// <summary>The problem.</summary>
    public InputProblem Problem { get; }
}
