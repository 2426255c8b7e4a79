using MarginBot.Conversations.Chat;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarginBot.Telegram;

/// <summary>
/// What the bot does while its store fails (<see cref="StoreFailedException"/>): receiving waits and
/// tries again, keeping what Telegram has not been told was handled; this logs the cause at most once a
/// minute, says when the store works again, and when it has failed for longer than
/// <see cref="TelegramOptions.StoreFailureLimit"/> stops the process with one line and
/// <see cref="BotExit.StoreFailed"/>, for a service manager to restart it.
/// </summary>
internal sealed partial class StoreOutage(
    TimeProvider time,
    IOptions<TelegramOptions> options,
    BotExit exit,
    IHostApplicationLifetime lifetime,
    ILogger<StoreOutage> log)
{
    /// <summary>How often the cause of a lasting failure is logged again.</summary>
    public static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private ITimer? _deadline;
    private DateTimeOffset? _since;
    private DateTimeOffset _logged;
    private int _attempts;

    /// <summary>True from a failure until the next success.</summary>
    public bool IsFailing
    {
        get
        {
            lock (_gate)
            {
                return _since is not null;
            }
        }
    }

    /// <summary>An update or a batch could not be handled because the store failed; nothing of it was confirmed.</summary>
    public void Failed(StoreFailedException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var now = time.GetUtcNow();
        TimeSpan failingFor;
        bool logNow;
        lock (_gate)
        {
            if (_since is null)
            {
                _since = now;

                // Also when no later try reports back (a try that never returns, the store hung): the limit holds.
                _deadline = time.CreateTimer(_ => Expired(failure), null, options.Value.StoreFailureLimit, Timeout.InfiniteTimeSpan);
            }

            _attempts++;
            failingFor = now - _since.Value;
            logNow = _attempts == 1 || now - _logged >= LogEvery;
            if (logNow)
            {
                _logged = now;
            }
        }

        var limit = options.Value.StoreFailureLimit;
        if (failingFor >= limit)
        {
            GiveUp(failingFor, failure);
            return;
        }

        if (logNow)
        {
            LogFailing(failure.Message, (int)failingFor.TotalSeconds, limit.ToString());
        }
    }

    private void Expired(StoreFailedException first)
    {
        TimeSpan failingFor;
        lock (_gate)
        {
            if (_since is not { } since)
            {
                return;
            }

            failingFor = time.GetUtcNow() - since;
        }

        GiveUp(failingFor, first);
    }

    private void GiveUp(TimeSpan failingFor, StoreFailedException failure)
    {
        var line = $"the database has failed for {(int)failingFor.TotalSeconds} s, longer than {TelegramOptions.Section}:StoreFailureLimit ({options.Value.StoreFailureLimit}): {failure.Message}";
        if (exit.Request(BotExit.StoreFailed, line))
        {
            LogGivingUp(line);
            lifetime.StopApplication();
        }
    }

    /// <summary>An update or a batch went through the store: a failure, if any, is over.</summary>
    public void Works()
    {
        DateTimeOffset? since;
        int attempts;
        lock (_gate)
        {
            since = _since;
            attempts = _attempts;
            _since = null;
            _attempts = 0;
            _deadline?.Dispose();
            _deadline = null;
        }

        if (since is { } start)
        {
            var seconds = (int)(time.GetUtcNow() - start).TotalSeconds;
            LogWorksAgain(seconds, attempts);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database fails ({Cause}), for {Seconds} s now: no update is taken from Telegram until it works again; trying again with backoff; the bot stops after {Limit}")]
    private partial void LogFailing(string cause, int seconds, string limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database works again after {Seconds} s ({Attempts} failed tries): going on where the bot stopped")]
    private partial void LogWorksAgain(int seconds, int attempts);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping: {Line}")]
    private partial void LogGivingUp(string line);
}

/// <summary>Why the bot asked the host to stop, if it did: the exit code and the one line for standard error (see BotHost.RunBotAsync).</summary>
internal sealed class BotExit
{
    /// <summary>The store failed for longer than allowed.</summary>
    public const int StoreFailed = 3;

    private readonly Lock _gate = new();

    public int? Code { get; private set; }

    public string? Line { get; private set; }

    /// <summary>Records the first request only; true when this one was it.</summary>
    public bool Request(int code, string line)
    {
        lock (_gate)
        {
            if (Code is not null)
            {
                return false;
            }

            Code = code;
            Line = line;
            return true;
        }
    }
}
