using System.Globalization;
using MarginBot.Telegram.Tests;
using MarginBot.Telegram.Tests.Reliability;

namespace MarginBot.Benchmarks.EndToEnd;

/// <summary>
/// The real executable started as the reliability tests start it (<see cref="BotProcess"/>, linked
/// from them), configured by environment variables only (<see cref="Relaxed.Settings"/>), and what
/// the benchmarks read of it: the time to its first poll and its resident memory.
/// </summary>
internal static class ProcessProbe
{
    /// <summary>Starts the bot against <paramref name="api"/> with its database at bot.db in <paramref name="folder"/>.</summary>
    public static BotProcess Start(FakeBotApi api, string folder) =>
        BotProcess.Start(folder, Relaxed.Settings(api, folder).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? string.Empty));

    /// <summary>Waits for the first getUpdates after <paramref name="callsBefore"/> calls; returns the time from the process start to it.</summary>
    public static async Task<TimeSpan> FirstPollAsync(this BotProcess bot, FakeBotApi api, int callsBefore)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(api);
        ApiCall? poll = null;
        await api.WaitUntilAsync(
            () =>
            {
                if (bot.HasExited)
                {
                    throw new InvalidOperationException("the bot exited before polling: " + string.Join(" / ", bot.Errors));
                }

                poll = api.Calls.Skip(callsBefore).FirstOrDefault(c => c.Method == "getUpdates");
                return poll is not null;
            },
            TimeSpan.FromSeconds(120),
            "the first getUpdates");
        return poll!.At - bot.Started;
    }

    /// <summary>Resident memory (VmRSS of /proc/pid/status) in bytes.</summary>
    public static long ResidentBytes(this BotProcess bot)
    {
        ArgumentNullException.ThrowIfNull(bot);
        foreach (var line in File.ReadLines($"/proc/{bot.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("no VmRSS line for the bot's process");
    }
}
