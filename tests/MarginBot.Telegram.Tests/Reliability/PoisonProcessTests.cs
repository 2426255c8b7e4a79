namespace MarginBot.Telegram.Tests.Reliability;

/// <summary>Issue 14: the real process, fed malformed updates by getUpdates, neither dies nor stops answering.</summary>
public sealed class PoisonProcessTests
{
    [Fact]
    public async Task RealProcess_MalformedUpdates_KeepsRunning_AnswersTheOthers()
    {
        await using var api = await FakeBotApi.StartAsync();
        var folder = Directory.CreateTempSubdirectory("marginbot-poison-");
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["MarginBot__Telegram__Token"] = FakeBotApi.Token,
                ["MarginBot__Telegram__BaseUrl"] = api.BaseUrl.ToString(),
                ["MarginBot__Telegram__PollTimeoutSeconds"] = "5",
                ["MarginBot__Storage__Path"] = Path.Combine(folder.FullName, "bot.db"),
                ["MarginBot__MarketData__Enabled"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            };
            using var bot = BotProcess.Start(folder.FullName, environment);

            // The batch that killed the process (NullReferenceException while ordering it by chat, exit 134).
            int inline = 0, press = 0, good = 0;
            api.Together(() =>
            {
                inline = api.AddRawUpdate(PoisonUpdates.InlineWithoutFrom);
                press = api.AddRawUpdate(PoisonUpdates.PressWithoutMessageOrFrom);
                good = api.UserSays(42, 42, "/mistakes");
            });
            await api.WaitUntilAsync(() => api.MessagesIn(42).Count == 1, TimeSpan.FromSeconds(60), $"the answer to update {good}; stderr: {string.Join(" / ", bot.Errors)}");

            // The batch that blocked everyone (getUpdates' answer could not be read as a whole).
            int unreadable = 0, next = 0;
            api.Together(() =>
            {
                unreadable = api.AddRawUpdate(PoisonUpdates.LoneSurrogateName);
                api.AddRawUpdate(PoisonUpdates.DateNotANumber);
                next = api.UserSays(43, 43, "/mistakes");
            });
            await api.WaitUntilAsync(() => api.MessagesIn(43).Count == 1 && api.ConfirmedBelow > next, TimeSpan.FromSeconds(30), $"the answer to update {next}");

            Assert.False(bot.HasExited, "the bot exited; stderr: " + string.Join(" / ", bot.Errors));

            // The console logger writes on its own thread: its lines may reach the pipe after the replies.
            string[] expected = [$"Update {inline} (inline_query) cannot be handled", $"Update {press} (callback_query) cannot be handled", $"Update {unreadable} (message) cannot be handled"];
            bool Logged(string line) => bot.Output.Concat(bot.Errors).Any(l => l.Contains(line, StringComparison.Ordinal));
            await api.WaitUntilAsync(() => expected.All(Logged), TimeSpan.FromSeconds(10), "the poison log lines; output: " + string.Join(" / ", bot.Output.Concat(bot.Errors)));
            Assert.DoesNotContain(bot.Output.Concat(bot.Errors), l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
