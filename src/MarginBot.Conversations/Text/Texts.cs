using System.Globalization;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Chat;

namespace MarginBot.Conversations.Text;

/// <summary>
/// Every sentence the bot says, in one place, ready for translation. HTML for Telegram: user text
/// goes through <see cref="Html.Escape"/>; numbers are formatted with the invariant culture.
/// </summary>
internal static partial class Texts
{
    public const string PieceSymbol = "symbol";
    public const string PieceSide = "side";
    public const string PieceEntry = "entry";
    public const string PieceLeverage = "leverage";
    public const string PieceSize = "size";
    public const string PieceWallet = "wallet";
    public const string PieceMode = "mode";
    public const string PieceExchange = "exchange";
    public const string PieceMaxLoss = "max loss";
    public const string PieceStop = "stop-loss";
    public const string PieceHold = "holding time";

    public const string ExtraNumber = "one number too many: the entry and the size are already given. Example: btc long 60000 10x qty 0.5";
    public const string UnreadableToken = "a symbol, a side, a price, a leverage such as 10x, a size, a mode, a wallet or an exchange; numbers up to 1,000,000,000,000";
    public const string LeverageRange = "a leverage from 1x to 200x, such as 10x or x10";
    public const string PositiveNumber = "a positive number, such as 60000, 60,000 or 60k";

    public const string StaleButton = "That button belongs to an earlier question. Here is where we are:";
    public const string StaleButtonNoConversation = "That button belongs to a conversation that has ended. Send /check to start a new checklist or /help for the commands.";
    public const string NotACommand = "I answer commands. Send /check for the pre-trade checklist, /liq btc long 60000 10x for a liquidation price, or /help for everything.";
    public const string SomethingWentWrong = "Sorry, I could not work that out (the numbers may be too large). Nothing was changed; try again with other numbers, or /help.";
    public const string NothingToCancel = "Nothing to cancel: no conversation is in progress.";
    public const string NothingToGoBackTo = "Nothing to go back to: /back works inside /check and /mode.";

    public const string Mistakes = """
        <b>Six mistakes with isolated vs cross margin</b>
        1. <b>Using cross by default.</b> Some apps remember your last setting. Always check the margin mode before confirming.
        2. <b>Over-leverage because liquidation looks far away.</b> High leverage shrinks the distance to liquidation and makes fees and funding weigh more on your margin.
        3. <b>Misreading "available margin".</b> Under cross, "available" may include funds you mentally assigned to other trades.
        4. <b>Ignoring maintenance margin, fees and funding.</b> Funding slowly bleeds margin and fees hit equity at once; even at a flat price your margin shrinks.
        5. <b>Keeping unused wallet balance exposed in cross.</b> Extra money in the futures wallet is not safe cash under cross: it is liquidation fuel.
        6. <b>Thinking cross prevents liquidation.</b> Cross can delay it, and when it fails it fails bigger: the liquidation point moves to the whole wallet.
        Walk the checklist before a trade: /check
        """;

    private static readonly (string Term, string[] Aliases, string Definition)[] GlossaryTerms =
    [
        ("Isolated margin", ["isolated", "iso", "isolated margin"], "margin is separated per position; losses are limited to the collateral allocated to it."),
        ("Cross margin", ["cross", "cross margin"], "positions share one collateral pool; losses can pull from the whole wallet."),
        ("Initial margin", ["initial", "initial margin", "im"], "the collateral required to open a position: entry notional ÷ leverage."),
        ("Maintenance margin", ["maintenance", "maintenance margin", "mm", "mmr"], "the minimum collateral needed to keep a position open."),
        ("Liquidation", ["liquidation", "liq", "lp", "liquidation price"], "a forced closure when margin falls too low; the exact mechanics vary by exchange."),
        ("Funding rate", ["funding", "funding rate"], "periodic payments between longs and shorts on perpetuals (a positive rate: longs pay shorts)."),
        ("Unrealized PnL", ["pnl", "unrealized", "unrealized pnl", "upnl"], "the profit or loss of an open position, changing with the price."),
    ];

    public static string Problem(InputProblem problem) =>
        $"I could not use <b>{Html.Quote(problem.Field)}</b>: expected {Html.Escape(Expecting(problem))}.";

    /// <summary>What was expected, without a leading "expected" (validator messages carry one, parser messages do not).</summary>
    public static string Expecting(InputProblem problem) =>
        problem.Expected.StartsWith("expected ", StringComparison.Ordinal) ? problem.Expected["expected ".Length..] : problem.Expected;

    public static string UnlistedSymbol(string symbol) =>
        $"a listed perpetual; no exchange table knows {symbol}. Example: btc, ETHUSDT or sol/usdt";

    public static string TwoSymbols(string first) => $"one symbol only; {first} was already given";

    public static string NumberAfter(string keyword) => $"a number after '{keyword}', such as {keyword} 60000";

    public static string GivenTwice(string piece) => $"the {piece} once; it was given twice";

    /// <summary>The user's word for a validator field path.</summary>
    public static string FieldName(string field) =>
        field.Contains('.', StringComparison.Ordinal) ? field[(field.LastIndexOf('.') + 1)..] : field;

    public static string Expired(string flow, TimeSpan timeout)
    {
        var what = flow switch
        {
            "check" => "Your /check",
            "mode" => "Your /mode",
            _ => "Your earlier question",
        };
        var again = flow == "mode" ? "/mode" : "/check";
        return F($"{what} expired after {(int)timeout.TotalMinutes} minutes without an answer, so I cleared it. Start again with {again} when you are ready.");
    }

    public static string SlowDown(int perMinute) =>
        F($"You are sending more than {perMinute} messages a minute, faster than I can answer well. I will pause and read your next message in a minute.");

    public static string TooLong(int maxLength) =>
        F($"That message is too long for me: I read up to {maxLength:N0} characters. Send the command with just the numbers, such as /liq btc long 60000 10x.");

    public static string Welcome(string userName) =>
        $"""
        Hi {Html.Quote(userName)}! I am MarginBot: I help you pick isolated or cross margin and see where a futures trade gets liquidated, before you enter it.

        /check walks the pre-trade checklist.
        /mode helps you pick isolated or cross.
        /liq btc long 60000 10x estimates a liquidation price.
        /wallet, /open, /positions keep your book.
        /help lists everything.
        """;

    public static string GroupStart(string commands, string bot) =>
        $"Hi! In groups I answer {commands}. For the checklist and your own book, talk to me in private: {DeepLink(bot, "check")}";

    public static string PrivateOnly(string command, string bot) =>
        $"/{command} works in a private chat, so your numbers stay yours. Continue here: {DeepLink(bot, command is "back" or "cancel" ? "check" : command)}";

    public static string UnknownCommand(string name) => $"I do not know /{Html.Quote(name)}. Send /help for the commands.";

    public static string DeepLink(string bot, string payload) => $"https://t.me/{bot}?start={payload}";

    public const string HelpPrivateTitle = "<b>MarginBot commands</b>";

    public const string HelpGroupTitle = "<b>MarginBot in groups</b>";

    public static string HelpGroupPrivateLine(string bot) =>
        $"The checklist, the decision tree and your book (/whatif, /compare, /idle) live in private: {DeepLink(bot, "check")}";

    public static string Glossary(string term)
    {
        var t = term.Trim().ToLowerInvariant();
        if (t.Length > 0)
        {
            foreach (var (name, aliases, definition) in GlossaryTerms)
            {
                if (aliases.Contains(t))
                {
                    return $"<b>{name}</b>: {definition}";
                }
            }
        }

        var all = string.Join("\n", GlossaryTerms.Select(g => $"<b>{g.Term}</b>: {g.Definition}"));
        var intro = t.Length > 0 ? $"I do not have \"{Html.Quote(term.Trim())}\" in the glossary. These are the terms:\n" : "<b>Glossary</b>\n";
        return intro + all;
    }

    public static string Money(decimal amount, string asset = "USDT") => Input.Numbers.Format(amount) + " " + asset;

    public static string Price(decimal price) => Input.Numbers.FormatPrice(price);

    public static string Percent(decimal percent) => Input.Numbers.Format(percent) + "%";

    /// <summary>A fee rate (a fraction) in percent with up to four decimals: 0.00055 is 0.055%.</summary>
    public static string FeePercent(decimal rate) => Input.Numbers.Format(rate * 100m, 4) + "%";

    public static string Qty(decimal quantity) => Input.Numbers.Format(quantity, 8);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The text of <paramref name="key"/> from the catalog, its placeholders filled. Keys are string
    /// literals at every call, so a test can check each against the catalog.
    /// </summary>
    private static string Say(string key, params ReadOnlySpan<(string Name, object? Value)> values) =>
        TextCatalog.English.Format(key, values);
}
