using System.Diagnostics;
using System.Globalization;
using MarginBot.Telegram.Tests;

namespace MarginBot.Benchmarks.EndToEnd;

/// <summary>
/// The real executable (<c>dotnet MarginBot.dll</c> from this build's output, Release when the
/// benchmarks run in Release) in its own process, configured by environment variables only
/// (<see cref="Relaxed.Settings"/>: the fake server's address, the database, relaxed send limits).
/// </summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;

    private BotProcess(Process process, DateTimeOffset started)
    {
        _process = process;
        Started = started;
    }

    /// <summary>Where the build put MarginBot.dll: beside the benchmark assembly, by the project reference.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "MarginBot.dll");

    /// <summary>The wall-clock instant just before Process.Start.</summary>
    public DateTimeOffset Started { get; }

    public int Id => _process.Id;

    /// <summary>Starts the bot against <paramref name="api"/> with its database at bot.db in <paramref name="folder"/>.</summary>
    public static BotProcess Start(FakeBotApi api, string folder)
    {
        if (!File.Exists(Dll))
        {
            throw new FileNotFoundException("MarginBot.dll is not beside the benchmarks; build them first", Dll);
        }

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MarginBot__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in Relaxed.Settings(api, folder))
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        var started = DateTimeOffset.UtcNow;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return new BotProcess(process, started);
    }

    /// <summary>Waits for the first getUpdates after <paramref name="callsBefore"/> calls; returns the time from <see cref="Started"/> to it.</summary>
    public async Task<TimeSpan> FirstPollAsync(FakeBotApi api, int callsBefore)
    {
        ApiCall? poll = null;
        await api.WaitUntilAsync(
            () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"the bot exited with code {_process.ExitCode} before polling");
                }

                poll = api.Calls.Skip(callsBefore).FirstOrDefault(c => c.Method == "getUpdates");
                return poll is not null;
            },
            TimeSpan.FromSeconds(120),
            "the first getUpdates");
        return poll!.At - Started;
    }

    /// <summary>Resident memory (VmRSS of /proc/pid/status) in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("no VmRSS line for the bot's process");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
