namespace MarginBot.Engine.Warnings;

/// <summary>How much a finding matters to the trader.</summary>
public enum Severity
{
    /// <summary>Worth knowing; nothing to fix.</summary>
    Info,

    /// <summary>A risk the trader should weigh before entering.</summary>
    Warning,

    /// <summary>A mistake that can cost the position or the wallet; never "ready" while one stands.</summary>
    Danger,
}

/// <summary>
/// A warning the engine detected from the numbers. It carries a stable <see cref="Code"/> and the
/// figures behind it, never wording: the conversation layer turns it into text.
/// </summary>
/// <param name="Code">Stable, kebab-case, e.g. <c>fallback-tiers</c>; docs/risk.md lists them.</param>
/// <param name="Severity">Info, warning or danger.</param>
/// <param name="Symbol">The position's symbol, or <c>null</c> for the account.</param>
/// <param name="Figures">The numbers behind it, by name (e.g. <c>leverage</c>, <c>maxLeverage</c>).</param>
public sealed record Finding(string Code, Severity Severity, string? Symbol, IReadOnlyDictionary<string, decimal> Figures)
{
    /// <summary>A finding with no figures.</summary>
    public static Finding Of(string code, Severity severity, string? symbol = null) =>
        new(code, severity, symbol, new Dictionary<string, decimal>(StringComparer.Ordinal));

    /// <summary>A finding with figures given as pairs.</summary>
    public static Finding Of(string code, Severity severity, string? symbol, params (string Name, decimal Value)[] figures) =>
        new(code, severity, symbol, figures.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal));
}
