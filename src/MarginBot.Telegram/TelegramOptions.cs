using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MarginBot.Telegram;

/// <summary>
/// MarginBot:Telegram. Every key is documented in appsettings.example.json; environment variables
/// use double underscores (<c>MarginBot__Telegram__Token</c>).
/// </summary>
internal sealed class TelegramOptions
{
    public const string Section = "MarginBot:Telegram";

    public const string PollingMode = "Polling";

    public const string WebhookMode = "Webhook";

    /// <summary>The token BotFather gave, <c>digits:letters</c>. Without one the bot runs as a console chat.</summary>
    public string? Token { get; set; }

    /// <summary>The Bot API server; <c>null</c> for Telegram's own (https://api.telegram.org). A local Bot API server or a test double otherwise.</summary>
    public string? BaseUrl { get; set; }

    /// <summary><see cref="PollingMode"/> (default) or <see cref="WebhookMode"/>.</summary>
    public string Mode { get; set; } = PollingMode;

    /// <summary>How long one getUpdates call waits for news, in seconds (0–50).</summary>
    public int PollTimeoutSeconds { get; set; } = 25;

    /// <summary>
    /// How many chats are handled at the same time; one chat's updates are always handled in order.
    /// As many as a getUpdates batch holds by default: a chat in progress mostly waits (for Telegram,
    /// for the disk), and the decisions of chats waiting together share one transaction.
    /// </summary>
    public int MaxParallelChats { get; set; } = 100;

    /// <summary>
    /// Telegram.Bot waits by itself on a 429 when retry_after is at most this many seconds. Our sender
    /// waits per chat instead, so the default 0 turns the library's wait (up to 60 s × 3) off.
    /// </summary>
    public int ClientRetryThresholdSeconds { get; set; }

    /// <summary>How long one send may take before it counts as a network error and is retried, in seconds.</summary>
    public int SendTimeoutSeconds { get; set; } = 20;

    /// <summary>How long the start waits for the Bot API to answer getMe before it gives up with one line and exit code 1, in seconds.</summary>
    public int StartupTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// How long the store may fail (no update can be stored) before the process stops with exit code 3
    /// and one line, for a service manager to restart it. Meanwhile no update is confirmed to Telegram
    /// (polling keeps its offset; the webhook answers 503), so none is lost.
    /// </summary>
    public TimeSpan StoreFailureLimit { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A chat quiet for this long is forgotten in memory (the bot's last message in it, which the
    /// next wizard step would edit in place; that step is then sent as a new message). A session
    /// expires after 30 minutes of quiet, so the default loses nothing a session still needs.
    /// </summary>
    public TimeSpan ForgetIdleChatsAfter { get; set; } = TimeSpan.FromMinutes(30);

    public WebhookOptions Webhook { get; set; } = new();

    public SendLimitOptions Limits { get; set; } = new();

    public SendRetryOptions Retry { get; set; } = new();

    public bool IsWebhook => string.Equals(Mode, WebhookMode, StringComparison.OrdinalIgnoreCase);
}

/// <summary>MarginBot:Telegram:Webhook, read in webhook mode only.</summary>
internal sealed class WebhookOptions
{
    /// <summary>The public HTTPS address Telegram posts to, such as https://bot.example.com/telegram/update.</summary>
    public string? Url { get; set; }

    /// <summary>Telegram sends it back in X-Telegram-Bot-Api-Secret-Token: 1–256 characters of A–Z, a–z, 0–9, _ and -.</summary>
    public string? SecretToken { get; set; }

    /// <summary>Where the local web server listens, usually behind a reverse proxy that ends TLS.</summary>
    public string Listen { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The path of the endpoint (the path of <see cref="Url"/> as the proxy forwards it).</summary>
    public string Path { get; set; } = "/telegram/update";

    /// <summary>How many connections Telegram may open at once (1–100).</summary>
    public int MaxConnections { get; set; } = 40;
}

/// <summary>MarginBot:Telegram:Limits: Telegram's send limits, as token buckets.</summary>
internal sealed class SendLimitOptions
{
    /// <summary>Messages across all chats per <see cref="GlobalPeriod"/>.</summary>
    public int GlobalMessages { get; set; } = 30;

    public TimeSpan GlobalPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages to one chat per <see cref="ChatPeriod"/>.</summary>
    public int ChatMessages { get; set; } = 1;

    public TimeSpan ChatPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages to one group per <see cref="GroupPeriod"/>.</summary>
    public int GroupMessages { get; set; } = 20;

    public TimeSpan GroupPeriod { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>MarginBot:Telegram:Retry: how 5xx answers and network errors are retried.</summary>
internal sealed class SendRetryOptions
{
    /// <summary>Tries of one send, the first included, before it is given up and logged.</summary>
    public int Attempts { get; set; } = 6;

    /// <summary>The wait before the second try; it doubles each time.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many 429 answers one send may meet before it is given up (each waits its retry_after).</summary>
    public int MaxRateLimitWaits { get; set; } = 20;
}

/// <summary>Checks the options at start so a bad value stops the host with one line naming the key.</summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var s = TelegramOptions.Section;
        if (string.IsNullOrWhiteSpace(options.Token) || !TokenShape().IsMatch(options.Token))
        {
            failures.Add($"{s}:Token must look like 123456789:AAH... (the token BotFather gave)");
        }

        if (options.BaseUrl is { Length: > 0 } baseUrl
            && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{s}:BaseUrl must be an http(s) address such as http://localhost:8081, or empty for Telegram's own");
        }

        if (!string.Equals(options.Mode, TelegramOptions.PollingMode, StringComparison.OrdinalIgnoreCase) && !options.IsWebhook)
        {
            failures.Add($"{s}:Mode must be Polling or Webhook, not '{options.Mode}'");
        }

        if (options.PollTimeoutSeconds is < 0 or > 50)
        {
            failures.Add($"{s}:PollTimeoutSeconds must be from 0 to 50");
        }

        if (options.MaxParallelChats is < 1 or > 256)
        {
            failures.Add($"{s}:MaxParallelChats must be from 1 to 256");
        }

        if (options.ClientRetryThresholdSeconds is < 0 or > 60)
        {
            failures.Add($"{s}:ClientRetryThresholdSeconds must be from 0 to 60");
        }

        if (options.SendTimeoutSeconds is < 1 or > 120)
        {
            failures.Add($"{s}:SendTimeoutSeconds must be from 1 to 120");
        }

        if (options.StartupTimeoutSeconds is < 1 or > 86400)
        {
            failures.Add($"{s}:StartupTimeoutSeconds must be from 1 to 86400");
        }

        if (options.StoreFailureLimit <= TimeSpan.Zero)
        {
            failures.Add($"{s}:StoreFailureLimit must be a positive time such as 00:10:00");
        }

        if (options.ForgetIdleChatsAfter <= TimeSpan.Zero)
        {
            failures.Add($"{s}:ForgetIdleChatsAfter must be a positive time such as 00:30:00");
        }

        var l = options.Limits;
        if (l.GlobalMessages < 1 || l.ChatMessages < 1 || l.GroupMessages < 1
            || l.GlobalPeriod <= TimeSpan.Zero || l.ChatPeriod <= TimeSpan.Zero || l.GroupPeriod <= TimeSpan.Zero)
        {
            failures.Add($"{s}:Limits needs positive message counts and periods");
        }

        var r = options.Retry;
        if (r.Attempts < 1 || r.FirstDelay < TimeSpan.Zero || r.MaxDelay < r.FirstDelay || r.MaxRateLimitWaits < 0)
        {
            failures.Add($"{s}:Retry needs Attempts of at least 1 and 0 <= FirstDelay <= MaxDelay");
        }

        if (options.IsWebhook)
        {
            var w = options.Webhook;
            if (!Uri.TryCreate(w.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"{s}:Webhook:Url must be the public https address Telegram posts to");
            }

            if (w.SecretToken is null || !SecretShape().IsMatch(w.SecretToken))
            {
                failures.Add($"{s}:Webhook:SecretToken must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
            }

            if (!Uri.TryCreate(w.Listen, UriKind.Absolute, out _))
            {
                failures.Add($"{s}:Webhook:Listen must be an address such as http://127.0.0.1:8080");
            }

            if (!w.Path.StartsWith('/'))
            {
                failures.Add($"{s}:Webhook:Path must start with /");
            }

            if (w.MaxConnections is < 1 or > 100)
            {
                failures.Add($"{s}:Webhook:MaxConnections must be from 1 to 100");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[0-9]+:[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenShape();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretShape();
}
