using MarginBot.Charts;
using MarginBot.Chat;
using MarginBot.Conversations.Charts;

namespace MarginBot.Tests.Charts;

public sealed class ScottPlotChartRendererTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-charts-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void WriteChart_EquityCurve_WritesAValidPng()
    {
        var chart = new ChartSpec(
            "Equity as ETH moves: cross vs isolated",
            "ETHUSDT mark price (USDT)",
            "Account equity (USDT)",
            [
                new ChartSeries("Cross", [new(2600m, 20m), new(2742.09m, 20m), new(3000m, 500m), new(3300m, 1100m)]),
                new ChartSeries("Isolated", [new(2600m, 226m), new(2860m, 226m), new(3000m, 500m), new(3300m, 1100m)]),
            ],
            [new ChartMarker("ETH long + BTC short liquidated", 2742.09m, 20m, "Cross"), new ChartMarker("ETH long liquidated", 2860m, 226m, "Isolated")],
            "compare");

        var path = ConsoleChat.WriteChart(new ScottPlotChartRenderer(), chart, Path.Combine(_folder.FullName, "charts"));

        Assert.True(File.Exists(path), path);
        Assert.EndsWith("-compare.png", path, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(PngSignature, bytes[..8]);

        // IHDR: width and height, big-endian, right after the signature and the chunk header.
        Assert.Equal(ScottPlotChartRenderer.Width, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        Assert.Equal(ScottPlotChartRenderer.Height, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);

        // Lines, labels and text make a real image: far more than a blank canvas, far less than raw pixels.
        Assert.InRange(bytes.Length, 15_000, ScottPlotChartRenderer.Width * ScottPlotChartRenderer.Height * 4);
    }

    [Fact]
    public void ChartFolder_IsBesideTheDatabase()
    {
        var folder = ConsoleChat.ChartFolder(Path.Combine(_folder.FullName, "data", "marginbot.db"));

        Assert.Equal(Path.Combine(_folder.FullName, "data", "charts"), folder);
    }
}
