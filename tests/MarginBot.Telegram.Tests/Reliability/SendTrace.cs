using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace MarginBot.Telegram.Tests.Reliability;

/// <summary>
/// The bot's side of its calls: when each left the bot's HttpClient (after the pacer let it go) and how
/// it ended. Beside the fake server's record (when it arrived) it tells a send let go too early from one
/// that went on time and arrived late.
/// </summary>
internal sealed class SendTrace : DelegatingHandler
{
    private readonly ConcurrentQueue<Attempt> _attempts = new();

    /// <summary>The calls to <paramref name="chatId"/>, as "left → ended outcome" in milliseconds since <paramref name="origin"/>.</summary>
    public string Describe(long chatId, DateTimeOffset origin) =>
        string.Join("; ", _attempts.Where(a => a.ChatId == chatId).OrderBy(a => a.Left).Select(a => string.Create(
            CultureInfo.InvariantCulture,
            $"{a.Method} {(a.Left - origin).TotalMilliseconds:F0} → {(a.Ended is { } e ? (e - origin).TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) : "?")} {a.Outcome}")));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.RequestUri!.Segments[^1];
        long? chatId = null;
        if (method != "getUpdates" && request.Content is { Headers.ContentType.MediaType: "application/json" } content)
        {
            chatId = JsonNode.Parse(await content.ReadAsStringAsync(cancellationToken))?["chat_id"]?.GetValue<long>();
        }

        var attempt = new Attempt(method, chatId, DateTimeOffset.UtcNow);
        _attempts.Enqueue(attempt);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            attempt.End(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            return response;
        }
        catch (Exception e)
        {
            attempt.End(e.GetType().Name);
            throw;
        }
    }

    private sealed class Attempt(string method, long? chatId, DateTimeOffset left)
    {
        public string Method { get; } = method;

        public long? ChatId { get; } = chatId;

        public DateTimeOffset Left { get; } = left;

        public DateTimeOffset? Ended { get; private set; }

        public string Outcome { get; private set; } = "in flight";

        public void End(string outcome)
        {
            Ended = DateTimeOffset.UtcNow;
            Outcome = outcome;
        }
    }
}
