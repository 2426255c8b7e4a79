using System.Globalization;
using MarginBot.Conversations.Chat;
using Microsoft.Extensions.Configuration;

namespace MarginBot.Chat;

/// <summary>
/// The configuration keys the executable reads (appsettings.json in the working folder, then
/// environment variables such as <c>MarginBot__Storage__Path</c>).
/// </summary>
/// <param name="StoragePath">MarginBot:Storage:Path, default data/marginbot.db.</param>
/// <param name="Conversation">
/// MarginBot:BotName (default MarginBot), MarginBot:Sessions:TimeoutMinutes (default 30) and the
/// per-user limits MarginBot:Conversations:MessagesPerMinute (30), MaxPositions (50) and
/// MaxMessageLength (4000); a missing or non-positive value keeps the default.
/// </param>
internal sealed record AppSettings(string StoragePath, ConversationOptions Conversation)
{
    public const string DefaultStoragePath = "data/marginbot.db";

    public static AppSettings Load()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        return From(configuration);
    }

    /// <summary>Reads the keys from a configuration already assembled (the Telegram host's).</summary>
    public static AppSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var timeout = int.TryParse(configuration["MarginBot:Sessions:TimeoutMinutes"], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(minutes)
            : TimeSpan.FromMinutes(30);
        var botName = configuration["MarginBot:BotName"] is { Length: > 0 } name ? name.TrimStart('@') : "MarginBot";
        var defaults = new ConversationOptions();
        return new AppSettings(
            configuration["MarginBot:Storage:Path"] is { Length: > 0 } path ? path : DefaultStoragePath,
            new ConversationOptions
            {
                BotName = botName,
                SessionTimeout = timeout,
                MessagesPerMinute = Positive(configuration, "MessagesPerMinute", defaults.MessagesPerMinute),
                MaxPositions = Positive(configuration, "MaxPositions", defaults.MaxPositions),
                MaxMessageLength = Positive(configuration, "MaxMessageLength", defaults.MaxMessageLength),
            });
    }

    private static int Positive(IConfiguration configuration, string key, int fallback) =>
        int.TryParse(configuration["MarginBot:Conversations:" + key], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
