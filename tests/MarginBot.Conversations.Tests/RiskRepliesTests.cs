using MarginBot.Conversations.Chat;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Conversations.Tests;

/// <summary>What transcripts cannot see: the chart attached to /compare, and stale decision-tree buttons.</summary>
public sealed class RiskRepliesTests : IDisposable
{
    private static readonly TierCatalog Catalog = TierCatalog.LoadBundled();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-risk-");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 16, 9, 0, 0, TimeSpan.Zero));
    private long _id;

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Compare_ArticleBook_AttachesEquityCurveWithLiquidations()
    {
        using var storage = LiteDbStorage.Open(Path.Combine(_folder.FullName, "chat.db"));
        var dispatcher = new Dispatcher(storage.AsStores(), Catalog, _clock);
        foreach (var line in (string[])["/wallet 500", "/open eth long 3000 2 20x cross", "/open btc short 60000 0.01 10x cross", "/marks eth 2940", "/marks btc 56000"])
        {
            Say(dispatcher, line);
        }

        var reply = Assert.Single(Say(dispatcher, "/compare eth -10%"));

        var chart = Assert.IsType<Charts.ChartSpec>(reply.Chart);
        Assert.Equal(["Cross", "Isolated"], chart.Series.Select(s => s.Name));
        Assert.All(chart.Series, s => Assert.True(s.Points.Count > 40));
        Assert.All(chart.Series, s => Assert.Equal(s.Points.OrderBy(p => p.X).ToList(), s.Points));

        // The cross run closes ETH and BTC together, the isolated one ETH alone, further up.
        var cross = Assert.Single(chart.Markers, m => m.Series == "Cross");
        var isolated = Assert.Single(chart.Markers, m => m.Series == "Isolated");
        Assert.Contains("BTC short", cross.Label, StringComparison.Ordinal);
        Assert.DoesNotContain("BTC", isolated.Label, StringComparison.Ordinal);
        Assert.True(isolated.X > cross.X);
        Assert.True(isolated.Y > cross.Y);
    }

    [Fact]
    public void WhatIf_NoChart()
    {
        using var storage = LiteDbStorage.Open(Path.Combine(_folder.FullName, "chat.db"));
        var dispatcher = new Dispatcher(storage.AsStores(), Catalog, _clock);
        Say(dispatcher, "/wallet 500");
        Say(dispatcher, "/open eth long 3000 0.1 5x cross");

        Assert.Null(Assert.Single(Say(dispatcher, "/whatif -10%")).Chart);
    }

    [Fact]
    public void Mode_ButtonOfEarlierQuestion_IsRefusedAndNothingChanges()
    {
        using var storage = LiteDbStorage.Open(Path.Combine(_folder.FullName, "chat.db"));
        var dispatcher = new Dispatcher(storage.AsStores(), Catalog, _clock);
        var first = Assert.Single(Say(dispatcher, "/mode"));
        var oldNo = first.AllButtons.Single(b => b.Label == "No");
        Say(dispatcher, "no");

        var stale = Assert.Single(dispatcher.Handle(InboundMessage.Pressed(1, ChatKind.Private, 1, "Alice", oldNo.Data, ++_id)));
        var next = Assert.Single(Say(dispatcher, "yes"));

        Assert.Contains("earlier question", stale.Html, StringComparison.Ordinal);
        Assert.Contains("Question 2", stale.Html, StringComparison.Ordinal);
        Assert.Contains("Question 3", next.Html, StringComparison.Ordinal);
        Assert.All(first.AllButtons, b => Assert.True(System.Text.Encoding.UTF8.GetByteCount(b.Data) <= Button.MaxDataBytes));
    }

    private IReadOnlyList<Reply> Say(Dispatcher dispatcher, string text) =>
        dispatcher.Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "Alice", text, ++_id));
}
