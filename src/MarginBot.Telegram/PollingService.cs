using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace MarginBot.Telegram;

/// <summary>
/// Long polling with getUpdates, written out rather than Telegram.Bot's ReceiveAsync: that one
/// confirms an update before its handler ran (a crash then loses it), handles one update at a time,
/// and stops silently when a handler throws OperationCanceledException. Here a batch is confirmed
/// (the next call's offset) only after every update in it was handled or judged poison, chats run in
/// parallel, and the loop never ends before the host stops: failures wait and poll again. The answer
/// is read update by update (<see cref="UpdateFetcher"/>): an update that cannot be read is poison,
/// logged once and confirmed with the rest, and never holds the others back. When the store fails,
/// nothing is confirmed: the offset stays, the loop waits with backoff and takes the same updates
/// again (<see cref="StoreOutage"/> logs it and stops the process after the configured limit).
/// </summary>
internal sealed partial class PollingService(
    UpdateFetcher fetcher,
    UpdatePipeline pipeline,
    StoreOutage outage,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<PollingService> log) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int? offset = null;
        var failures = 0;
        var storeFailures = 0;

        // Poison of a batch that comes again (the store failed) is logged the first time only.
        var skipped = new HashSet<int>();
        LogStarted(options.Value.PollTimeoutSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<IncomingUpdate> updates;
            try
            {
                updates = await fetcher.GetUpdatesAsync(offset, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop outlives every failure of one poll (network, 5xx, 409 Conflict, a bad answer): it logs, waits and polls again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures++;
                var wait = e is ApiRequestException { ErrorCode: 429, Parameters.RetryAfter: { } retryAfter }
                    ? TimeSpan.FromSeconds(retryAfter)
                    : Backoff(failures);
                LogPollFailed(e is ApiRequestException api ? $"{api.ErrorCode} {api.Message}" : e.Message, wait.TotalSeconds);
                if (!await WaitAsync(wait, stoppingToken))
                {
                    break;
                }

                continue;
            }

            if (updates.Count == 0)
            {
                continue;
            }

            foreach (var poison in updates.Where(u => u.IsPoison && (u.Id is not { } id || skipped.Add(id))))
            {
                pipeline.Skip(poison);
            }

            // Not cancelled by the stop: in-flight updates finish, and their sessions are saved.
            IReadOnlyList<Update> readable = [.. updates.Where(u => !u.IsPoison).Select(u => u.Update!)];
            if (await pipeline.HandleBatchAsync(readable, CancellationToken.None) is { } storeFailure)
            {
                // Nothing confirmed: the same updates come again with the same offset once the store works.
                outage.Failed(storeFailure);
                if (!await WaitAsync(Backoff(++storeFailures), stoppingToken))
                {
                    break;
                }

                continue;
            }

            if (readable.Count > 0)
            {
                storeFailures = 0;
                outage.Works();
            }

            if (updates.Max(u => u.Id) is { } last)
            {
                offset = last + 1;
                skipped.Clear();
            }
        }

        LogStopped();
    }

    private static TimeSpan Backoff(int failures) => TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(failures - 1, 10)));

    /// <summary>False when the host stopped meanwhile.</summary>
    private async Task<bool> WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling Telegram for updates (long poll {Seconds} s)")]
    private partial void LogStarted(int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "getUpdates failed ({Reason}); polling again in {Seconds} s")]
    private partial void LogPollFailed(string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling stopped")]
    private partial void LogStopped();
}
