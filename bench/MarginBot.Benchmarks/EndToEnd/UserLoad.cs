using System.Globalization;
using System.Diagnostics;
using MarginBot.Telegram.Tests;

namespace MarginBot.Benchmarks.EndToEnd;

/// <summary>One thing a simulated user does: types <see cref="Text"/>, or presses the newest button labelled <see cref="Press"/>; then waits for <see cref="Replies"/> reply calls.</summary>
internal sealed record Step(string? Text, string? Press, int Replies);

/// <summary>What one load run measured; latencies run from the update being available to the first reply call the server received.</summary>
internal sealed record LoadResult(int Users, int Updates, int ReplyCalls, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double UpdatesPerSecond => Updates / Elapsed.TotalSeconds;

    public double CallsPerSecond => ReplyCalls / Elapsed.TotalSeconds;
}

/// <summary>
/// Closed-loop users against a <see cref="FakeBotApi"/>: each user takes a step, waits until the bot
/// made that step's reply calls, then takes the next. Users run at the same time, so with enough of
/// them the bot always has updates waiting and the rate is the bot's (or the server's) capacity.
/// </summary>
internal static class UserLoad
{
    /// <summary>The calls that put something in the chat (a button answer does not).</summary>
    public static bool IsReply(ApiCall call) =>
        call.Ok && call.Method is "sendMessage" or "sendPhoto" or "editMessageText" or "editMessageReplyMarkup";

    public static async Task<LoadResult> RunAsync(FakeBotApi api, long firstChat, int users, IReadOnlyList<Step> script, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(timeout);
        var tracker = new ReplyTracker(api);
        var tracking = tracker.RunAsync(stop.Token);
        var latencies = new double[users * script.Count];
        var calls = 0;
        var start = Stopwatch.GetTimestamp();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, users).Select(i => Task.Run(
                async () =>
                {
                    var chat = firstChat + i;
                    for (var s = 0; s < script.Count; s++)
                    {
                        latencies[(i * script.Count) + s] = await tracker.StepAsync(chat, script[s], stop.Token);
                        Interlocked.Add(ref calls, script[s].Replies);
                    }
                },
                stop.Token)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{users} users did not finish within {timeout.TotalSeconds} s ({Volatile.Read(ref calls)} reply calls arrived)"));
        }
        finally
        {
            await stop.CancelAsync();
            await tracking;
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        Array.Sort(latencies);
        return new LoadResult(users, latencies.Length, calls, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    /// <summary>
    /// Walks the script with one user and counts the reply calls of each step (waiting until the
    /// update is confirmed and the chat has been quiet for <paramref name="quiet"/>). Warms the bot up too.
    /// </summary>
    public static async Task<IReadOnlyList<Step>> CalibrateAsync(FakeBotApi api, long chat, IReadOnlyList<Step> script, TimeSpan quiet, CancellationToken cancellationToken)
    {
        var counted = new List<Step>();
        foreach (var step in script)
        {
            var before = Replies(api, chat);
            var update = Take(api, chat, step);
            await api.WaitUntilAsync(() => api.ConfirmedBelow > update, TimeSpan.FromSeconds(30), $"update {update} to be handled");
            var count = Replies(api, chat);
            while (true)
            {
                await Task.Delay(quiet, cancellationToken);
                var now = Replies(api, chat);
                if (now == count)
                {
                    break;
                }

                count = now;
            }

            if (count == before)
            {
                throw new InvalidOperationException($"the bot did not answer '{step.Text ?? step.Press}' in the calibration walk");
            }

            counted.Add(step with { Replies = count - before });
        }

        return counted;
    }

    /// <summary>Types or presses; returns the update id.</summary>
    public static int Take(FakeBotApi api, long chat, Step step)
    {
        if (step.Press is { } label)
        {
            var (messageId, data) = api.ButtonEverShown(chat, label) ?? throw new InvalidOperationException($"chat {chat} never showed a button '{label}'");
            return api.UserPresses(chat, chat, messageId, data);
        }

        return api.UserSays(chat, chat, step.Text!);
    }

    private static int Replies(FakeBotApi api, long chat) => api.Calls.Count(c => IsReply(c) && c.ChatId == chat);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Reads the server's call list as it grows and wakes the user whose chat got its replies.</summary>
    private sealed class ReplyTracker(FakeBotApi api)
    {
        private readonly Dictionary<long, Chat> _chats = [];
        private readonly Lock _gate = new();

        public async Task<double> StepAsync(long chatId, Step step, CancellationToken cancellationToken)
        {
            var chat = Get(chatId);
            Task<DateTimeOffset> first;
            lock (chat)
            {
                first = chat.Expect(step.Replies);
            }

            var sent = DateTimeOffset.UtcNow;
            Take(api, chatId, step);
            var at = await first.WaitAsync(cancellationToken);
            return (at - sent).TotalMilliseconds;
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var seen = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var calls = api.Calls;
                for (; seen < calls.Count; seen++)
                {
                    var call = calls[seen];
                    if (IsReply(call) && call.ChatId is { } id)
                    {
                        var chat = Get(id);
                        lock (chat)
                        {
                            chat.Arrived(call.At);
                        }
                    }
                }

                try
                {
                    await Task.Delay(1, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private Chat Get(long id)
        {
            lock (_gate)
            {
                if (!_chats.TryGetValue(id, out var chat))
                {
                    chat = new Chat();
                    _chats[id] = chat;
                }

                return chat;
            }
        }

        /// <summary>A chat's reply count; a step completes with the time of its first reply once all of its replies arrived.</summary>
        private sealed class Chat
        {
            private int _arrived;
            private int _until;
            private int _firstIndex;
            private DateTimeOffset _first;
            private TaskCompletionSource<DateTimeOffset>? _waiter;

            public Task<DateTimeOffset> Expect(int replies)
            {
                _firstIndex = _arrived;
                _until = _arrived + replies;
                _waiter = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
                return _waiter.Task;
            }

            public void Arrived(DateTimeOffset at)
            {
                if (_arrived == _firstIndex)
                {
                    _first = at;
                }

                _arrived++;
                if (_waiter is not null && _arrived >= _until)
                {
                    _waiter.TrySetResult(_first);
                    _waiter = null;
                }
            }
        }
    }
}
