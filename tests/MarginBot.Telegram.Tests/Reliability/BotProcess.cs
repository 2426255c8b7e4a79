using System.Collections.Concurrent;
using System.Diagnostics;

namespace MarginBot.Telegram.Tests.Reliability;

/// <summary>
/// The real executable (<c>dotnet MarginBot.dll</c>, copied beside the tests by the project reference) in its own process.
/// Also compiled into the benchmarks (start-up time and resident memory of the real process).
/// </summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _out = new();
    private readonly ConcurrentQueue<string> _err = new();

    private BotProcess(Process process, DateTimeOffset started)
    {
        _process = process;
        Started = started;
    }

    /// <summary>Where the build put MarginBot.dll: beside this assembly, same configuration.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "MarginBot.dll");

    public IReadOnlyList<string> Output => [.. _out];

    public IReadOnlyList<string> Errors => [.. _err];

    public bool HasExited => _process.HasExited;

    /// <summary>The wall-clock instant just before the process was started.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>The operating system's id of the process.</summary>
    public int Id => _process.Id;

    /// <summary>Starts the bot in <paramref name="folder"/> with only <paramref name="environment"/> as its settings (plus the machine's).</summary>
    public static BotProcess Start(string folder, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(Dll))
        {
            throw new FileNotFoundException("MarginBot.dll is not beside this assembly; build the solution first", Dll);
        }

        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MarginBot__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var bot = new BotProcess(process, DateTimeOffset.UtcNow);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                bot._out.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                bot._err.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return bot;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine or the OOM killer stops it.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits for the exit and returns its code; kills it and fails after <paramref name="timeout"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"the bot did not exit within {timeout.TotalSeconds} s; stderr: {string.Join(" / ", Errors)}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
