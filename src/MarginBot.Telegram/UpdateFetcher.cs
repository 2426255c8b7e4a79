using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace MarginBot.Telegram;

/// <summary>
/// getUpdates, read update by update: Telegram.Bot's own GetUpdates reads the whole answer as one
/// array of <see cref="Update"/>, so one update it cannot read fails the batch, and the same batch
/// comes back on every poll. Here the answer is read as plain JSON and each update on its own
/// (<see cref="UpdateReader"/>). Errors are raised as the library raises them
/// (<see cref="ApiRequestException"/> with the error code and retry_after), so the poll loop treats
/// both alike. The request goes through the bot's own HttpClient (no request logging: Telegram's
/// URLs carry the token) to the configured BaseUrl; the URL never appears in a message.
/// </summary>
internal sealed class UpdateFetcher(IHttpClientFactory clients, IOptions<TelegramOptions> options)
{
    public const int Limit = 100;

    private readonly Lazy<(HttpClient Client, string Url)> _endpoint = new(() =>
    {
        var o = options.Value;
        var client = clients.CreateClient(TelegramServices.HttpClientName);

        // The long poll must end well before the HTTP timeout.
        client.Timeout = TimeSpan.FromSeconds(o.PollTimeoutSeconds + 15);
        var url = new TelegramBotClientOptions(o.Token!, string.IsNullOrWhiteSpace(o.BaseUrl) ? null : o.BaseUrl).BaseRequestUrl + "/getUpdates";
        return (client, url);
    });

    /// <summary>The updates from <paramref name="offset"/> on (confirming those below it), each read alone.</summary>
    public async Task<IReadOnlyList<IncomingUpdate>> GetUpdatesAsync(int? offset, CancellationToken cancellationToken)
    {
        var (client, url) = _endpoint.Value;
        var request = new JsonObject
        {
            ["limit"] = Limit,
            ["timeout"] = options.Value.PollTimeoutSeconds,
            ["allowed_updates"] = JsonSerializer.SerializeToNode(UpdateHandler.AllowedUpdates, JsonBotAPI.Options),
        };
        if (offset is { } o)
        {
            request["offset"] = o;
        }

        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        byte[] body;
        try
        {
            using var response = await client.PostAsync(new Uri(url), content, cancellationToken);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            // Its message names the host and port at most, never the path with the token.
            throw new RequestException("getUpdates: " + e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RequestException("getUpdates: no answer in time", e);
        }

        JsonDocument answer;
        try
        {
            answer = JsonDocument.Parse(body, UpdateReader.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new RequestException("getUpdates answered with something that is not JSON: " + e.Message, e);
        }

        using (answer)
        {
            var root = answer.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RequestException("getUpdates answered with JSON that is not an object");
            }

            if (!(root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True))
            {
                throw Refusal(root);
            }

            return root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Array
                ? UpdateReader.ReadAll(result)
                : throw new RequestException("getUpdates answered without a result array");
        }
    }

    private static ApiRequestException Refusal(JsonElement root)
    {
        var code = root.TryGetProperty("error_code", out var c) && c.TryGetInt32(out var n) ? n : 0;
        var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() ?? string.Empty : "no description";
        ResponseParameters? parameters = null;
        if (root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            parameters = new ResponseParameters
            {
                RetryAfter = p.TryGetProperty("retry_after", out var r) && r.TryGetInt32(out var seconds) ? seconds : null,
            };
        }

        return new ApiRequestException(description, code, parameters);
    }
}
