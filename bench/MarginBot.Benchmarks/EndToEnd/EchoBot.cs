using MarginBot.Telegram.Tests;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace MarginBot.Benchmarks.EndToEnd;

/// <summary>
/// The transport floor: a bare <see cref="TelegramBotClient"/> that long-polls getUpdates and answers
/// every text message with sendMessage of the same text: no storage, no conversation, no pacing.
/// It shares the bot's concurrency knobs (batches of 100, up to <see cref="MaxParallel"/> sends at once,
/// the bot's default MaxParallelChats, the next poll after the batch was answered).
/// </summary>
internal sealed class EchoBot : IAsyncDisposable
{
    /// <summary>The bot's own default MaxParallelChats, so the two stay alike.</summary>
    public static readonly int MaxParallel = new MarginBot.Telegram.TelegramOptions().MaxParallelChats;

    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new();
    private readonly Task _loop;

    private EchoBot(Uri baseUrl, int pollSeconds)
    {
        var client = new TelegramBotClient(new TelegramBotClientOptions(FakeBotApi.Token, baseUrl.ToString()), _http);
        _loop = Task.Run(() => PollAsync(client, pollSeconds, _stop.Token));
    }

    public static EchoBot Start(FakeBotApi api, int pollSeconds) => new(api.BaseUrl, pollSeconds);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _http.Dispose();
    }

    private static async Task PollAsync(TelegramBotClient client, int pollSeconds, CancellationToken cancellationToken)
    {
        int? offset = null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallel, CancellationToken = cancellationToken };
        while (!cancellationToken.IsCancellationRequested)
        {
            var updates = await client.GetUpdates(offset, limit: 100, timeout: pollSeconds, cancellationToken: cancellationToken);
            if (updates.Length == 0)
            {
                continue;
            }

            await Parallel.ForEachAsync(updates, parallel, (update, token) => EchoAsync(client, update, token));
            offset = updates[^1].Id + 1;
        }
    }

    private static async ValueTask EchoAsync(TelegramBotClient client, Update update, CancellationToken cancellationToken)
    {
        if (update.Message is { Text: { } text } message)
        {
            await client.SendMessage(message.Chat.Id, text, cancellationToken: cancellationToken);
        }
    }
}
