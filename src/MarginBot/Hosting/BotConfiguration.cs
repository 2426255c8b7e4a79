using Microsoft.Extensions.Configuration;

namespace MarginBot.Hosting;

/// <summary>
/// Where the executable's settings come from, later sources winning: appsettings.json in the working
/// folder, user secrets (<c>dotnet user-secrets</c>, for the token on a developer's machine), then
/// environment variables (<c>MarginBot__Telegram__Token</c>). Keys: appsettings.example.json.
/// </summary>
internal static class BotConfiguration
{
    public const string TokenKey = "MarginBot:Telegram:Token";

    public static IConfigurationRoot Load(IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddUserSecrets(typeof(BotConfiguration).Assembly, optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        if (overrides is not null)
        {
            configuration.AddInMemoryCollection(overrides);
        }

        return configuration;
    }

    /// <summary>True when the token key is set but empty or blank: a misconfiguration, not a request for the console chat.</summary>
    public static bool HasBlankTelegramToken(this IConfiguration configuration) =>
        configuration?[TokenKey] is { } token && string.IsNullOrWhiteSpace(token);

    /// <summary>True when a Telegram token is configured: the bot then runs on Telegram, otherwise as a console chat.</summary>
    public static bool HasTelegramToken(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?[TokenKey]);
}
