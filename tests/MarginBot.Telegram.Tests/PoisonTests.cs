using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MarginBot.Telegram.Tests;

/// <summary>Issue 14: an update that cannot be read or handled is logged once and skipped; it never blocks or kills the bot.</summary>
public sealed class PoisonTests
{
    [Fact]
    public async Task Polling_PoisonAmongGoodUpdatesInOneBatch_EachPoisonLoggedOnceAndSkipped_EveryGoodOneAnswered()
    {
        await using var s = await Scenario.StartAsync();
        var poison = new List<(string Name, int Id)>();
        int first = 0, last = 0, huge = 0, bare = 0;
        s.Api.Together(() =>
        {
            first = s.Api.UserSays(41, 41, "/mistakes");
            foreach (var (name, json) in PoisonUpdates.All)
            {
                poison.Add((name, s.Api.AddRawUpdate(json)));
            }

            huge = s.Api.AddRawUpdate(PoisonUpdates.Huge(78));
            bare = s.Api.AddRawUpdate("5");
            last = s.Api.UserSays(42, 42, "/mistakes");
        });

        await s.Bot.SettledAsync(s.Api, last);

        Assert.Contains("Six mistakes", Assert.Single(s.Api.MessagesIn(41)).Text, StringComparison.Ordinal);
        Assert.Contains("Six mistakes", Assert.Single(s.Api.MessagesIn(42)).Text, StringComparison.Ordinal);
        Assert.Single(s.Api.MessagesIn(78));
        Assert.Empty(s.Api.MessagesIn(77));
        var lines = s.Bot.Logs.Lines;
        foreach (var (name, id) in poison)
        {
            var logged = lines.Count(l => l.Level == LogLevel.Error && l.Text.StartsWith($"Update {id.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal));
            Assert.True(logged == 1, $"{name} (update {id}) logged {logged} times");
        }

        Assert.Single(lines, l => l.Level == LogLevel.Error && l.Text.StartsWith("Update without id (unknown) cannot be handled", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Text.Contains("   at ", StringComparison.Ordinal));
        Assert.True(first < huge && huge < bare && bare < last);

        // Still polling, and nothing of the batch comes again.
        await s.SayAsync(42, 42, "/mistakes");
        Assert.Equal(2, s.Api.MessagesIn(42).Count);
        Assert.Single(s.Api.MessagesIn(41));
    }

    [Fact]
    public async Task Polling_PoisonAlone_OffsetMovesPast()
    {
        await using var s = await Scenario.StartAsync();
        var id = s.Api.AddRawUpdate(PoisonUpdates.LoneSurrogateName);
        await s.Api.WaitUntilAsync(() => s.Api.ConfirmedBelow > id, TimeSpan.FromSeconds(15), "the poison update to be confirmed");
        await s.SayAsync(42, 42, "/mistakes");
        Assert.Single(s.Api.MessagesIn(42));
    }
}
