using MarginBot.Chat;
using MarginBot.Cli;

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

// No Telegram adapter yet: the bot runs as a local console chat.
return ConsoleChat.Run(AppSettings.Load(), Console.In, Console.Out);
