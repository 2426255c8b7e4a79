using MarginBot.Alerts;
using MarginBot.Chat;
using MarginBot.Conversations.Market;
using MarginBot.Cli;
using MarginBot.Hosting;
using MarginBot.Telegram;
using Microsoft.Extensions.DependencyInjection;

if (args.Length > 0 && CliApp.IsVerb(args[0]))
{
    return CliApp.Run(args, Console.Out, Console.Error);
}

if (args.Length > 0)
{
    Console.Error.WriteLine("error: " + CliApp.UnknownVerb(args[0]));
    return CliApp.BadInput;
}

// appsettings.json, user secrets, then MarginBot__… environment variables.
var configuration = BotConfiguration.Load();
if (configuration.HasBlankTelegramToken())
{
    // The key is there but empty (an unset variable, a copied example): Telegram was meant, not the console.
    Console.Error.WriteLine($"error: {BotConfiguration.TokenKey} is empty: set it to the token BotFather gave, or remove the key to chat on the console");
    return 2;
}

if (!configuration.HasTelegramToken())
{
    // No Telegram token: the bot runs as a local console chat.
    using var market = MarketDataHosting.Standalone(configuration);
    return ConsoleChat.Run(AppSettings.Load(), Console.In, Console.Out, market: market.GetRequiredService<IMarketData>());
}

return await BotHost.CreateBuilder(configuration)
    .AddBotLogging()
    .AddTelegramOptions()
    .AddConversationStorage()
    .AddMarketData()
    .AddConversationEngine()
    .AddTelegramClient()
    .AddTelegramUpdates()
    .AddTelegramSending()
    .AddLiquidationAlerts()
    .AddTelegramReceiving()
    .BuildBot()
    .RunBotAsync(Console.Error);
