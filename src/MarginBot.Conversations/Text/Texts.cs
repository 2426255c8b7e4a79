using System.Globalization;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Chat;

namespace MarginBot.Conversations.Text;

/// <summary>
/// What the bot says, as typed methods over the text catalog (<c>Text/Catalog/en.json</c>, see
/// docs/languages.md): each member picks the whole sentence for its case by key and fills its
/// placeholders. HTML for Telegram: user text goes through <see cref="Html.Escape"/>; numbers are
/// formatted with the invariant culture before they are filled in.
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

    public static string ExtraNumber => Say("input.extra-number");

    public static string UnreadableToken => Say("input.unreadable-token");

    public static string LeverageRange => Say("input.leverage-range");

    public static string PositiveNumber => Say("input.positive-number");

    public static string StaleButton => Say("chat.stale-button");

    public static string StaleButtonNoConversation => Say("chat.stale-button.no-conversation");

    public static string NotACommand => Say("chat.not-a-command");

    public static string SomethingWentWrong => Say("chat.something-went-wrong");

    public static string NothingToCancel => Say("chat.nothing-to-cancel");

    public static string NothingToGoBackTo => Say("chat.nothing-to-go-back-to");

    public static string Mistakes => Say("mistakes.list");

    /// <summary>The glossary's terms in order, each with the words a user may ask it by.</summary>
    private static readonly (string Id, string[] Aliases)[] GlossaryTerms =
    [
        ("isolated", ["isolated", "iso", "isolated margin"]),
        ("cross", ["cross", "cross margin"]),
        ("initial", ["initial", "initial margin", "im"]),
        ("maintenance", ["maintenance", "maintenance margin", "mm", "mmr"]),
        ("liquidation", ["liquidation", "liq", "lp", "liquidation price"]),
        ("funding", ["funding", "funding rate"]),
        ("pnl", ["pnl", "unrealized", "unrealized pnl", "upnl"]),
    ];

    public static string Problem(InputProblem problem) =>
        Say("input.problem", ("field", Html.Quote(problem.Field)), ("expected", Html.Escape(Expecting(problem))));

    /// <summary>What was expected, without a leading "expected" (validator messages carry one, parser messages do not).</summary>
    public static string Expecting(InputProblem problem) =>
        problem.Expected.StartsWith("expected ", StringComparison.Ordinal) ? problem.Expected["expected ".Length..] : problem.Expected;

    public static string UnlistedSymbol(string symbol) => Say("input.unlisted-symbol", ("symbol", symbol));

    public static string TwoSymbols(string first) => Say("input.two-symbols", ("first", first));

    public static string NumberAfter(string keyword) => Say("input.number-after", ("keyword", keyword));

    public static string GivenTwice(string piece) => Say("input.given-twice", ("piece", piece));

    /// <summary>The user's word for a validator field path.</summary>
    public static string FieldName(string field) =>
        field.Contains('.', StringComparison.Ordinal) ? field[(field.LastIndexOf('.') + 1)..] : field;

    public static string Expired(string flow, TimeSpan timeout)
    {
        var minutes = (int)timeout.TotalMinutes;
        return flow switch
        {
            "check" => Say("chat.expired.check", ("minutes", minutes)),
            "mode" => Say("chat.expired.mode", ("minutes", minutes)),
            _ => Say("chat.expired.other", ("minutes", minutes)),
        };
    }

    public static string SlowDown(int perMinute) => Say("chat.slow-down", ("perMinute", perMinute));

    public static string TooLong(int maxLength) =>
        Say("chat.too-long", ("maxLength", maxLength.ToString("N0", CultureInfo.InvariantCulture)));

    public static string Welcome(string userName) => Say("chat.welcome", ("name", Html.Quote(userName)));

    public static string GroupStart(string commands, string bot) =>
        Say("chat.group-start", ("commands", commands), ("link", DeepLink(bot, "check")));

    public static string PrivateOnly(string command, string bot) =>
        Say("chat.private-only", ("command", command), ("link", DeepLink(bot, command is "back" or "cancel" ? "check" : command)));

    public static string UnknownCommand(string name) => Say("chat.unknown-command", ("name", Html.Quote(name)));

    public static string DeepLink(string bot, string payload) => $"https://t.me/{bot}?start={payload}";

    public static string HelpPrivateTitle => Say("help.private.title");

    public static string HelpGroupTitle => Say("help.group.title");

    public static string HelpGroupPrivateLine(string bot) => Say("help.group.private-line", ("link", DeepLink(bot, "check")));

    public static string Glossary(string term)
    {
        var t = term.Trim().ToLowerInvariant();
        if (t.Length > 0)
        {
            foreach (var (id, aliases) in GlossaryTerms)
            {
                if (aliases.Contains(t))
                {
                    return GlossaryLine(id);
                }
            }
        }

        var all = string.Join("\n", GlossaryTerms.Select(g => GlossaryLine(g.Id)));
        return t.Length > 0 ? Say("glossary.unknown", ("term", Html.Quote(term.Trim())), ("terms", all)) : Say("glossary.all", ("terms", all));
    }

    public static string Money(decimal amount, string asset = "USDT") => Input.Numbers.Format(amount) + " " + asset;

    public static string Price(decimal price) => Input.Numbers.FormatPrice(price);

    public static string Percent(decimal percent) => Input.Numbers.Format(percent) + "%";

    /// <summary>A fee rate (a fraction) in percent with up to four decimals: 0.00055 is 0.055%.</summary>
    public static string FeePercent(decimal rate) => Input.Numbers.Format(rate * 100m, 4) + "%";

    public static string Qty(decimal quantity) => Input.Numbers.Format(quantity, 8);

    /// <summary>"<b>Isolated margin</b>: margin is separated per position; …": one glossary entry.</summary>
    private static string GlossaryLine(string id) => id switch
    {
        "isolated" => Say("glossary.isolated"),
        "cross" => Say("glossary.cross"),
        "initial" => Say("glossary.initial"),
        "maintenance" => Say("glossary.maintenance"),
        "liquidation" => Say("glossary.liquidation"),
        "funding" => Say("glossary.funding"),
        _ => Say("glossary.pnl"),
    };

    /// <summary>
    /// The text of <paramref name="key"/> from the catalog, its placeholders filled. Keys are string
    /// literals at every call, so a test can check each against the catalog.
    /// </summary>
    private static string Say(string key, params ReadOnlySpan<(string Name, object? Value)> values) =>
        TextCatalog.English.Format(key, values);
}
