using MarginBot.Charts;
using MarginBot.Conversations.Charts;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Market;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;

namespace MarginBot.Chat;

/// <summary>
/// The local chat: the real dispatcher and LiteDB storage in a terminal. Buttons are numbered; type
/// the number or the label. <c>/as group</c>, <c>/as private</c> switch the chat kind; <c>/quit</c> leaves.
/// Charts are written as PNG files into <c>charts/</c> beside the database, and their path is printed.
/// </summary>
internal static class ConsoleChat
{
    private const long UserId = 1;
    private const string UserName = "You";
    private const long GroupChatId = -1001;

    public static int Run(AppSettings settings, TextReader input, TextWriter output, IChartRenderer? charts = null, IMarketData? market = null)
    {
        charts ??= new ScottPlotChartRenderer();
        var chartFolder = ChartFolder(settings.StoragePath);
        using var storage = LiteDbStorage.Open(settings.StoragePath);
        // A typed line is never delivered twice, so the dispatcher keeps no record of handled message
        // ids: it would be a read and a write per line that catches nothing (issue 8; the Telegram host
        // turns it off too, its update ids do that job).
        var dispatcher = new Dispatcher(storage.AsStores(), TierCatalog.LoadBundled(), TimeProvider.System, settings.Conversation with { DeduplicateMessages = false }, market);
        var kind = ChatKind.Private;

        // Unique in the run, and from the clock across runs too (ids of older versions' records).
        var messageId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        IReadOnlyList<Button> buttons = [];
        output.WriteLine($"MarginBot console chat: a private chat with the bot. Type /help, /check, /as group, /as private or /quit. Data: {Path.GetFullPath(settings.StoragePath)}");
        while (true)
        {
            output.Write(kind == ChatKind.Group ? "you@group> " : "you> ");
            var line = input.ReadLine();
            if (line is null || line.Trim() is "/quit" or "/exit")
            {
                return 0;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line is "/as group" or "/as private")
            {
                kind = line.EndsWith("group", StringComparison.Ordinal) ? ChatKind.Group : ChatKind.Private;
                buttons = [];
                output.WriteLine(kind == ChatKind.Group
                    ? $"(now in a group chat: address commands as /liq@{settings.Conversation.BotName})"
                    : "(now in your private chat)");
                continue;
            }

            var chatId = kind == ChatKind.Group ? GroupChatId : UserId;
            var pressed = Pressed(line, buttons);
            var message = pressed is not null
                ? InboundMessage.Pressed(chatId, kind, UserId, UserName, pressed.Data, ++messageId)
                : InboundMessage.Typed(chatId, kind, UserId, UserName, line, ++messageId);
            var replies = dispatcher.Handle(message);
            if (replies.Count == 0)
            {
                output.WriteLine("(no answer)");
            }

            foreach (var reply in replies)
            {
                output.WriteLine("bot> " + Html.ToPlain(reply.Html).Replace("\n", "\n     ", StringComparison.Ordinal));
                if (reply.Chart is { } chart)
                {
                    output.WriteLine("     chart: " + WriteChart(charts, chart, chartFolder));
                }
            }

            var last = replies.LastOrDefault(r => r.Buttons.Count > 0);
            if (replies.Count > 0)
            {
                buttons = last is null ? [] : [.. last.AllButtons];
            }

            for (var i = 0; i < buttons.Count; i++)
            {
                output.WriteLine($"     [{i + 1}] {buttons[i].Label}");
            }
        }
    }

    /// <summary>The <c>charts</c> folder beside the database file.</summary>
    public static string ChartFolder(string storagePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storagePath)) ?? Directory.GetCurrentDirectory(), "charts");

    /// <summary>Draws <paramref name="chart"/> into a new PNG file in <paramref name="folder"/>; returns its path, or why it could not.</summary>
    public static string WriteChart(IChartRenderer charts, ChartSpec chart, string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture);
            var path = Path.Combine(folder, $"{stamp}-{chart.Name}.png");
            File.WriteAllBytes(path, charts.RenderPng(chart));
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "(could not be written: " + e.Message + ")";
        }
    }

    private static Button? Pressed(string line, IReadOnlyList<Button> buttons)
    {
        if (int.TryParse(line, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= buttons.Count)
        {
            return buttons[n - 1];
        }

        return buttons.FirstOrDefault(b => string.Equals(b.Label, line, StringComparison.OrdinalIgnoreCase));
    }
}
