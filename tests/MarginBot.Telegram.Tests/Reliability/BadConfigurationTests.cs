using System.Net;
using System.Net.Sockets;

namespace MarginBot.Telegram.Tests.Reliability;

/// <summary>Issue 7, item 6: the real process, badly configured, says what is wrong in one line and exits non-zero; no stack trace.</summary>
public sealed class BadConfigurationTests
{
    public static TheoryData<string, string, string, int> Cases => new()
    {
        { "empty token", "token=", "MarginBot:Telegram:Token is empty", 2 },
        { "malformed token", "token=no-colon", "MarginBot:Telegram:Token must look like", 2 },
        { "unwritable database", "db=/proc/marginbot/bot.db", "cannot open the database /proc/marginbot/bot.db (MarginBot:Storage:Path)", 1 },
        { "database is a folder", "db=FOLDER", "cannot open the database", 1 },
        { "unreachable Bot API", "url=CLOSED", "cannot reach the Bot API at http://127.0.0.1:", 1 },
        { "Bot API is not http", "url=ftp://example.com", "MarginBot:Telegram:BaseUrl must be", 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Start_BadSetting_OneLineOnStandardErrorNonZeroExitNoStackTrace(string what, string change, string expected, int exitCode)
    {
        var folder = Directory.CreateTempSubdirectory("marginbot-config-");
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["MarginBot__Telegram__Token"] = FakeBotApi.Token,
                ["MarginBot__Telegram__BaseUrl"] = "http://127.0.0.1:9/",
                ["MarginBot__Telegram__StartupTimeoutSeconds"] = "2",
                ["MarginBot__Storage__Path"] = Path.Combine(folder.FullName, "bot.db"),
                ["MarginBot__MarketData__Enabled"] = "false",
            };
            var (key, value) = (change[..change.IndexOf('=', StringComparison.Ordinal)], change[(change.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            switch (key)
            {
                case "token":
                    environment["MarginBot__Telegram__Token"] = value;
                    break;
                case "db":
                    environment["MarginBot__Storage__Path"] = value == "FOLDER" ? folder.CreateSubdirectory("bot.db").FullName : value;
                    break;
                case "url":
                    environment["MarginBot__Telegram__BaseUrl"] = value == "CLOSED" ? $"http://127.0.0.1:{ClosedPort()}/" : value;
                    break;
            }

            using var bot = BotProcess.Start(folder.FullName, environment);
            var exit = await bot.ExitCodeAsync(TimeSpan.FromSeconds(30));
            var errors = bot.Errors.Where(l => l.Trim().Length > 0).ToList();
            var all = string.Join("\n", errors.Concat(bot.Output));
            Assert.True(exit == exitCode, $"{what}: exit {exit}, expected {exitCode}; output:\n{all}");
            var line = Assert.Single(errors);
            Assert.StartsWith("error: ", line, StringComparison.Ordinal);
            Assert.Contains(expected, line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", all, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeBotApi.Token, all, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A loopback port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
