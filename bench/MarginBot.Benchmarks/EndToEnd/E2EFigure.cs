namespace MarginBot.Benchmarks.EndToEnd;

/// <summary>One row of the end-to-end summary: a figure, what it is compared with, and whether its target holds.</summary>
/// <param name="Name">What was measured, with its load.</param>
/// <param name="Value">The figure, with its unit.</param>
/// <param name="Baseline">The same figure of the baseline in the same run, or "–".</param>
/// <param name="Ratio">Value over baseline, or "–".</param>
/// <param name="Target">The target, or "–".</param>
/// <param name="Met">Whether the target holds; null when there is none.</param>
internal sealed record E2EFigure(string Name, string Value, string Baseline, string Ratio, string Target, bool? Met);
