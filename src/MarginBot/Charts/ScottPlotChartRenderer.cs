using MarginBot.Conversations.Charts;
using ScottPlot;

namespace MarginBot.Charts;

/// <summary>
/// Draws a <see cref="ChartSpec"/> with ScottPlot. The decimals become doubles here and nowhere
/// else: a chart is for the eye, every figure a trader reads comes from the text. The fonts are
/// bundled (DejaVu Sans, Charts/Fonts) because a bare Linux host has none, and SkiaSharp's
/// dependency-free native build does not look for system fonts.
/// </summary>
internal sealed class ScottPlotChartRenderer : IChartRenderer
{
    public const int Width = 900;
    public const int Height = 560;

    private const string FontName = "DejaVu Sans";

    private static readonly Lock FontsLock = new();
    private static bool _fontsLoaded;

    public ScottPlotChartRenderer()
    {
        // ScottPlot keeps its font table in static state; load ours once per process.
        lock (FontsLock)
        {
            if (!_fontsLoaded)
            {
                var folder = Path.Combine(AppContext.BaseDirectory, "Charts", "Fonts");
                Fonts.AddFontFile(FontName, Path.Combine(folder, "DejaVuSans.ttf"));
                Fonts.AddFontFile(FontName, Path.Combine(folder, "DejaVuSans-Bold.ttf"), bold: true);
                Fonts.Default = FontName;
                _fontsLoaded = true;
            }
        }
    }

    public byte[] RenderPng(ChartSpec chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var plot = new Plot();
        plot.Title(chart.Title);
        plot.XLabel(chart.XLabel);
        plot.YLabel(chart.YLabel);
        var palette = new ScottPlot.Palettes.Category10();
        var colours = new Dictionary<string, Color>(StringComparer.Ordinal);
        for (var i = 0; i < chart.Series.Count; i++)
        {
            var series = chart.Series[i];
            var colour = palette.GetColor(i);
            colours[series.Name] = colour;
            var xs = series.Points.Select(p => (double)p.X).ToArray();
            var ys = series.Points.Select(p => (double)p.Y).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, colour);
            line.LineWidth = 2.5f;
            line.LegendText = series.Name;
            if (i > 0)
            {
                line.LinePattern = LinePattern.Dashed;
            }
        }

        foreach (var marker in chart.Markers)
        {
            var colour = colours.GetValueOrDefault(marker.Series, Colors.Black);
            var point = plot.Add.Marker((double)marker.X, (double)marker.Y, MarkerShape.FilledCircle, 11, colour);
            point.MarkerLineColor = Colors.Black;
            var text = plot.Add.Text(marker.Label, (double)marker.X, (double)marker.Y);
            text.LabelFontSize = 12;
            text.LabelFontColor = colour.Darken(0.3);
            text.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            text.LabelAlignment = Alignment.LowerLeft;
            text.OffsetX = 7;
            text.OffsetY = -7;
        }

        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
