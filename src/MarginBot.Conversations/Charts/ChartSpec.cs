namespace MarginBot.Conversations.Charts;

/// <summary>One point of a line, in the chart's own units (a price or a move in percent; an amount in USDT).</summary>
/// <param name="X">Horizontal value.</param>
/// <param name="Y">Vertical value.</param>
public sealed record ChartPoint(decimal X, decimal Y);

/// <summary>A named line.</summary>
/// <param name="Name">The legend's text, plain (not HTML).</param>
/// <param name="Points">The points, from the lowest <see cref="ChartPoint.X"/> to the highest.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

/// <summary>A marked point on a line, such as a liquidation.</summary>
/// <param name="Label">Plain text beside the mark.</param>
/// <param name="X">Horizontal value.</param>
/// <param name="Y">Vertical value.</param>
/// <param name="Series">The name of the line it belongs to (the mark takes its colour).</param>
public sealed record ChartMarker(string Label, decimal X, decimal Y, string Series);

/// <summary>
/// A chart described for an adapter to draw, transport-neutral: no pixels, no colours, decimals
/// only. The console writes it as a PNG file; a chat adapter sends it as a photo.
/// </summary>
/// <param name="Title">Plain text above the chart.</param>
/// <param name="XLabel">What the horizontal axis shows, with its unit.</param>
/// <param name="YLabel">What the vertical axis shows, with its unit.</param>
/// <param name="Series">The lines, at least one.</param>
/// <param name="Markers">Marked points; may be empty.</param>
/// <param name="Name">A short file-name-safe name, such as <c>compare</c>.</param>
public sealed record ChartSpec(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series, IReadOnlyList<ChartMarker> Markers, string Name);

/// <summary>Port: draws a <see cref="ChartSpec"/> as a PNG image (implemented at the edge, by the executable).</summary>
public interface IChartRenderer
{
    /// <summary>The chart as PNG bytes.</summary>
    byte[] RenderPng(ChartSpec chart);
}
