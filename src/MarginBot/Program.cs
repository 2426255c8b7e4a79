using MarginBot.Cli;

if (args.Length > 0 && CliApp.IsVerb(args[0]))
{
    return CliApp.Run(args, Console.Out, Console.Error);
}

Console.Error.WriteLine("The chat is not built yet. Use a CLI verb: dotnet run --project src/MarginBot -- --help");
return 1;
