using MarginBot.Chat;
using MarginBot.Cli;
using MarginBot.Hosting;
using MarginBot.Telegram;

if (args.Length > 0 && args[0] == "replay")
{
    return ReplayVerb.Run(args[1..], Console.Out, Console.Error);
}

if (args.Length > 0 && CliApp.IsVerb(args[0]))
{
    return CliApp.Run(args, Console.Out, Console.Error);
}

if (args.Length > 0)
{
    Console.Error.WriteLine($"error: unknown verb '{args[0]}'; expected liq, portfolio, replay or --help");
    return CliApp.BadInput;
}

// appsettings.json, user secrets, then MarginBot__… environment variables.
var configuration = BotConfiguration.Load();
if (!configuration.HasTelegramToken())
{
    // No Telegram token: the bot runs as a local console chat.
    return ConsoleChat.Run(AppSettings.Load(), Console.In, Console.Out);
}

return await BotHost.CreateBuilder(configuration)
    .AddBotLogging()
    .AddTelegramOptions()
    .AddConversationStorage()
    .AddConversationEngine()
    .AddTelegramClient()
    .AddTelegramUpdates()
    .AddTelegramSending()
    .AddTelegramReceiving()
    .BuildBot()
    .RunBotAsync(Console.Error);
