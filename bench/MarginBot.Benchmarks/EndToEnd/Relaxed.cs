using System.Globalization;
using MarginBot.Telegram.Tests;

namespace MarginBot.Benchmarks.EndToEnd;

/// <summary>
/// The measured bot's settings on top of the Telegram tests' own (<see cref="TestBot.Settings"/>):
/// Telegram's send limits lifted far above what the load reaches, so they do not set the pace;
/// warnings only in the log; no market data.
/// </summary>
internal static class Relaxed
{
    /// <summary>Long-poll timeout of the bot under test and of the echo bot, in seconds.</summary>
    public const int PollSeconds = 5;

    public static void Apply(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["MarginBot:Telegram:PollTimeoutSeconds"] = PollSeconds.ToString(CultureInfo.InvariantCulture);
        settings["MarginBot:Telegram:Limits:ChatMessages"] = "1000";
        settings["MarginBot:Telegram:Limits:ChatPeriod"] = "00:00:01";
        settings["MarginBot:Telegram:Limits:GroupMessages"] = "1000";
        settings["MarginBot:Telegram:Limits:GroupPeriod"] = "00:00:01";
        settings["MarginBot:Telegram:Limits:GlobalMessages"] = "1000000";
        settings["MarginBot:Telegram:Limits:GlobalPeriod"] = "00:00:01";
        settings["MarginBot:MarketData:Enabled"] = "false";
        if (Environment.GetEnvironmentVariable("MARGINBOT_E2E_PARALLEL_CHATS") is { Length: > 0 } parallel)
        {
            // Only to compare with other settings (issue 8 measured 8 against the default 100).
            settings["MarginBot:Telegram:MaxParallelChats"] = parallel;
        }

        settings["Logging:LogLevel:Default"] = "Warning";
    }

    /// <summary>The settings of a bot on <paramref name="api"/> with its database in <paramref name="folder"/>.</summary>
    public static Dictionary<string, string?> Settings(FakeBotApi api, string folder)
    {
        var settings = TestBot.Settings(api, folder);
        Apply(settings);
        return settings;
    }
}
