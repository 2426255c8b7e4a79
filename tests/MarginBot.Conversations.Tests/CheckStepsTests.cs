using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Checklist;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Conversations.Tests;

/// <summary>The checklist's steps are data: numbers, the edit grid and the way through come from the list.</summary>
public sealed class CheckStepsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-steps-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Steps_IdsAndItemLabelsAreUnique_AndNumberedInOrder()
    {
        var steps = CheckSteps.All;

        Assert.Equal(steps.Count, steps.Select(s => s.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(steps.Count, steps.Select(s => s.ItemLabel).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal($"1/{steps.Count} ", CheckSteps.Number(steps[0]));
        Assert.Equal($"{steps.Count}/{steps.Count} ", CheckSteps.Number(steps[^1]));
        Assert.All(steps, s => Assert.Same(s, CheckSteps.Find(s.Id)));
    }

    [Fact]
    public void HalfDoneChecklist_WrittenBeforeTheStepsWereData_FinishesAndSaves()
    {
        // A console chat of the previous version: /wallet 2000, /check, "eth long", "3000", "2", then
        // the process ended at question 4/9 (leverage), on 2026-12-05 at 07:59 UTC.
        var path = Path.Combine(_folder.FullName, "bot.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "half-done-checklist-v1.db"), path);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 8, 5, 0, TimeSpan.Zero));
        using var storage = LiteDbStorage.Open(path);
        var dispatcher = new Dispatcher(storage.AsStores(), TierCatalog.LoadBundled(), clock);
        long messageId = 1000;
        string Say(string text) => string.Join("\n", dispatcher.Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "Trader", text, ++messageId)).Select(r => Html.ToPlain(r.Html)));

        Assert.StartsWith("5/9 Which margin mode", Say("10x"), StringComparison.Ordinal);
        Assert.StartsWith("6/9 How much is in your futures wallet", Say("isolated"), StringComparison.Ordinal);
        Assert.StartsWith("7/9", Say("2000"), StringComparison.Ordinal);
        Say("skip");
        Say("skip");
        Assert.Contains("ETHUSDT long", Say("skip"), StringComparison.Ordinal);
        Assert.StartsWith("Saved as position 1: ETHUSDT long 2 @ 3,000, 10x isolated", Say("save"), StringComparison.Ordinal);

        var book = ((IBookStore)storage).Load(1);
        Assert.NotNull(book);
        Assert.Single(book.Positions);
    }
}
