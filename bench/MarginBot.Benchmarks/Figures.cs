using System.Globalization;
using System.Text;

namespace MarginBot.Benchmarks;

/// <summary>
/// One line of the final summary: a measured figure beside its baseline from the same run. Any
/// suite of the <c>all</c> command returns these; values are already formatted with their units.
/// </summary>
/// <param name="Name">What was measured, e.g. <c>pipeline msgs/s (1,000 users)</c>.</param>
/// <param name="Value">The figure with its unit.</param>
/// <param name="Baseline">The baseline's figure with its unit, or "–" when there is none.</param>
/// <param name="Ratio">Value ÷ baseline, as BenchmarkDotNet prints it: for times above 1 is slower than the baseline, for rates below 1 is slower; or "–".</param>
/// <param name="Target">The target from the issue, or "–".</param>
/// <param name="Met">Whether the target was met; <c>null</c> when there is none.</param>
public sealed record Figure(string Name, string Value, string Baseline, string Ratio, string Target, bool? Met);

/// <summary>Formatting shared by the suites, invariant culture throughout.</summary>
public static class Figures
{
    /// <summary>"–": no baseline, ratio or target.</summary>
    public const string None = "–";

    /// <summary>A figure with no baseline and no target.</summary>
    public static Figure Alone(string name, string value) => new(name, value, None, None, None, null);

    /// <summary><paramref name="value"/> ÷ <paramref name="baseline"/> with two decimals, or "–" when the baseline is zero.</summary>
    public static string Ratio(double value, double baseline) =>
        baseline == 0 ? None : (value / baseline).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A rate such as 1234.5 → "1,235/s".</summary>
    public static string PerSecond(double rate) => rate.ToString("#,0", CultureInfo.InvariantCulture) + "/s";

    /// <summary>A duration in nanoseconds with a readable unit.</summary>
    public static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => nanoseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ns",
        < 1_000_000 => (nanoseconds / 1_000).ToString("0.00", CultureInfo.InvariantCulture) + " µs",
        < 1_000_000_000 => (nanoseconds / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        _ => (nanoseconds / 1_000_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " s",
    };

    /// <summary>A byte count in KiB or MiB.</summary>
    public static string Bytes(double bytes) => bytes switch
    {
        < 1024 * 1024 => (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };

    /// <summary>The figures as a Markdown table (it reads as well in a terminal).</summary>
    public static string Table(IEnumerable<Figure> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var text = new StringBuilder();
        text.AppendLine("| figure | value | baseline | ratio | target | met |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var f in figures)
        {
            var met = f.Met switch { true => "yes", false => "NO", null => None };
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Name} | {f.Value} | {f.Baseline} | {f.Ratio} | {f.Target} | {met} |");
        }

        return text.ToString();
    }
}
