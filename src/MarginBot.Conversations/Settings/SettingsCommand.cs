using MarginBot.Conversations.Books;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Text;

namespace MarginBot.Conversations.Settings;

/// <summary>/settings: show, <c>exchange bybit</c>, <c>fees 0.04% 0.02%</c> (taker, maker), <c>fees default</c>.</summary>
internal static class SettingsCommand
{
    /// <summary>A fee above 1% is a typo (the exchanges' base rates are a few hundredths of a percent).</summary>
    private const decimal MaxFeePercent = 1m;

    public static CommandResult Run(string args, UserSettings settings)
    {
        var words = args.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return CommandResult.Say(Texts.Settings.Show(settings));
        }

        switch (words[0])
        {
            case "exchange" when words.Length == 2:
                if (!Words.TryParseExchange(words[1], out var exchange))
                {
                    throw new InputException(words[1], Texts.Settings.ExchangeExample);
                }

                // Fees given for another exchange do not carry over.
                var changed = new UserSettings(exchange.Id, null, null);
                return new CommandResult([Reply.Send(Texts.Settings.Changed(changed))], ChangedSettings: changed);
            case "fees" when words.Length == 2 && words[1] == "default":
                var reset = settings with { Taker = null, Maker = null };
                return new CommandResult([Reply.Send(Texts.Settings.Changed(reset))], ChangedSettings: reset);
            case "fees" when words.Length == 3:
                var withFees = settings with { Taker = Percent(words[1]), Maker = Percent(words[2]) };
                return new CommandResult([Reply.Send(Texts.Settings.Changed(withFees))], ChangedSettings: withFees);
            default:
                throw new InputException(args, Texts.Settings.Usage);
        }
    }

    private static decimal Percent(string word) =>
        Numbers.TryParse(word, out var percent) && percent >= 0 && percent <= MaxFeePercent
            ? percent / 100m
            : throw new InputException(word, Texts.Settings.FeeExample);
}
