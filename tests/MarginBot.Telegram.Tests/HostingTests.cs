using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MarginBot.Conversations.Charts;
using MarginBot.Conversations.Chat;
using MarginBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace MarginBot.Telegram.Tests;

/// <summary>Starting, refusing to start, webhook mode and photos.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task Run_TokenRefusedByTelegram_ExitsOneWithOneLine()
    {
        await using var api = await FakeBotApi.StartAsync();
        var folder = Directory.CreateTempSubdirectory("marginbot-telegram-");
        try
        {
            var settings = TestBot.Settings(api, folder.FullName);
            settings["MarginBot:Telegram:Token"] = "999:WRONG";
            using var error = new StringWriter();
            var exit = await Compose(settings).RunBotAsync(error);
            Assert.Equal(1, exit);
            var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: Telegram refused the token (401", line, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("MarginBot:Telegram:Mode", "Websocket", "MarginBot:Telegram:Mode must be Polling or Webhook")]
    [InlineData("MarginBot:Telegram:BaseUrl", "not a url", "MarginBot:Telegram:BaseUrl must be")]
    [InlineData("MarginBot:Telegram:Token", "no-colon", "MarginBot:Telegram:Token must look like")]
    [InlineData("MarginBot:Telegram:PollTimeoutSeconds", "ten", "Failed to convert configuration value")]
    public async Task Run_BadSetting_ExitsTwoNamingTheKey(string key, string value, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("marginbot-telegram-");
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["MarginBot:Telegram:Token"] = FakeBotApi.Token,
                ["MarginBot:Storage:Path"] = Path.Combine(folder.FullName, "bot.db"),
                [key] = value,
            };
            using var error = new StringWriter();
            var exit = await Compose(settings).RunBotAsync(error);
            Assert.Equal(2, exit);
            var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(expected, line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Webhook_RightSecret_HandledAndAnswered200_WrongSecret401_Garbage200()
    {
        await using var api = await FakeBotApi.StartAsync();
        var folder = Directory.CreateTempSubdirectory("marginbot-telegram-");
        var port = FreePort();
        var settings = WebhookSettings(api, folder, port);
        var host = Compose(settings).BuildBot();
        await host.StartAsync();
        try
        {
            var setWebhook = Assert.Single(api.Calls, c => c.Method == "setWebhook");
            Assert.Equal("https://bot.example.com/telegram/update", (string?)setWebhook.Parameters["url"]);
            Assert.Equal("s3cret-token_1", (string?)setWebhook.Parameters["secret_token"]);
            Assert.DoesNotContain(api.Calls, c => c.Method is "getUpdates" or "deleteWebhook");

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            const string update = """{"update_id":9001,"message":{"message_id":5,"from":{"id":42,"is_bot":false,"first_name":"Alice"},"chat":{"id":42,"type":"private","first_name":"Alice"},"date":1760000000,"text":"/mistakes"}}""";

            using var wrong = Post(update, "nope");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);

            using var garbage = Post("{not json", "s3cret-token_1");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(garbage)).StatusCode);

            using var right = Post(update, "s3cret-token_1");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(right)).StatusCode);
            using var again = Post(update, "s3cret-token_1");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(again)).StatusCode);

            await host.Services.GetRequiredService<Outbox>().WhenIdle().WaitAsync(TimeSpan.FromSeconds(10));
            var reply = Assert.Single(api.MessagesIn(42));
            Assert.Contains("Six mistakes", reply.Text, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
            host.Dispose();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Webhook_PoisonBodies_Answered200_LoggedOnce_AndTheNextUpdateHandled()
    {
        await using var api = await FakeBotApi.StartAsync();
        var folder = Directory.CreateTempSubdirectory("marginbot-telegram-");
        var port = FreePort();
        var settings = WebhookSettings(api, folder, port);
        var logs = new LogSink();
        var chain = Compose(settings);
        chain.Builder.Logging.AddProvider(logs);
        var host = chain.BuildBot();
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var id = 9100;
            foreach (var (name, json) in PoisonUpdates.All)
            {
                using var poison = Post(json.Replace("{id}", (++id).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), "s3cret-token_1");
                var status = (await http.SendAsync(poison)).StatusCode;
                Assert.True(status == HttpStatusCode.OK, $"{name}: {status}");
                Assert.Single(logs.Lines, l => l.Level == LogLevel.Error && l.Text.StartsWith($"Update {id.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal));
            }

            const string update = """{"update_id":9001,"message":{"message_id":5,"from":{"id":42,"is_bot":false,"first_name":"Alice"},"chat":{"id":42,"type":"private","first_name":"Alice"},"date":1760000000,"text":"/mistakes"}}""";
            using var right = Post(update, "s3cret-token_1");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(right)).StatusCode);
            await host.Services.GetRequiredService<Outbox>().WhenIdle().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Contains("Six mistakes", Assert.Single(api.MessagesIn(42)).Text, StringComparison.Ordinal);
            Assert.Empty(api.MessagesIn(77));
            Assert.DoesNotContain(logs.Lines, l => l.Text.Contains("   at ", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
            host.Dispose();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Chart_SentAsPhoto_WithTheTextAsCaption()
    {
        await using var s = await Scenario.StartAsync(services: services => services.Replace(ServiceDescriptor.Singleton<IChartRenderer, TinyPng>()));
        var chart = new ChartSpec("Equity", "Move (%)", "Equity (USDT)", [new ChartSeries("cross", [new ChartPoint(0, 1000), new ChartPoint(-10, 400)])], [], "compare");
        s.Bot.Outbox.Enqueue(42, [Reply.Send("<b>Cross vs isolated</b>").WithChart(chart)]);
        await s.Bot.Outbox.WhenIdle().WaitAsync(TimeSpan.FromSeconds(10));

        var photo = Assert.Single(s.Api.Calls, c => c.Method == "sendPhoto");
        Assert.True(photo.Ok);
        Assert.Equal($"file:compare.png:{TinyPng.Bytes.Length}", (string?)photo.Parameters["photo"]);
        Assert.Equal("<b>Cross vs isolated</b>", photo.Text);
        Assert.Equal("html", photo.ParseMode, ignoreCase: true);
        Assert.True(Assert.Single(s.Api.MessagesIn(42)).IsPhoto);
    }

    private static IHostApplicationBuilderChain Compose(Dictionary<string, string?> settings) =>
        new(BotHost.CreateBuilder(BotConfiguration.Load(settings))
            .AddBotLogging()
            .AddTelegramOptions()
            .AddConversationStorage()
            .AddConversationEngine()
            .AddTelegramClient()
            .AddTelegramUpdates()
            .AddTelegramSending()
            .AddTelegramReceiving());

    internal static Dictionary<string, string?> WebhookSettings(FakeBotApi api, DirectoryInfo folder, int port)
    {
        var settings = TestBot.Settings(api, folder.FullName);
        settings["MarginBot:Telegram:Mode"] = "Webhook";
        settings["MarginBot:Telegram:Webhook:Url"] = "https://bot.example.com/telegram/update";
        settings["MarginBot:Telegram:Webhook:SecretToken"] = "s3cret-token_1";
        settings["MarginBot:Telegram:Webhook:Listen"] = $"http://127.0.0.1:{port}";
        return settings;
    }

    internal static HttpRequestMessage Post(string json, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/update") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        return request;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Keeps the builder so a test can build and run it, or only build it.</summary>
    private sealed class IHostApplicationBuilderChain(Microsoft.Extensions.Hosting.IHostApplicationBuilder builder)
    {
        public Microsoft.Extensions.Hosting.IHostApplicationBuilder Builder => builder;

        public Microsoft.Extensions.Hosting.IHost BuildBot() => builder.BuildBot();

        public Task<int> RunBotAsync(TextWriter error) => builder.BuildBot().RunBotAsync(error);
    }

    private sealed class TinyPng : IChartRenderer
    {
        public static readonly byte[] Bytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

        public byte[] RenderPng(ChartSpec chart) => Bytes;
    }
}
