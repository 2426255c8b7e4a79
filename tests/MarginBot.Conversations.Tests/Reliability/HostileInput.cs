using CsCheck;

namespace MarginBot.Conversations.Tests.Reliability;

/// <summary>What a hostile or careless user sends: generators for typed text and button data.</summary>
internal static class HostileInput
{
    /// <summary>Strings that must come back escaped if they come back at all.</summary>
    public static readonly string[] InjectionMarkers = ["<script", "<i>x9q", "<a href=\"https://evil.example", "<b>pwn", "</code>x9q", "<tg-spoiler>x9q"];

    public static readonly string[] Commands =
    [
        "check", "mode", "liq", "wallet", "open", "close", "marks", "positions", "whatif", "compare", "idle", "settings",
        "back", "cancel", "start", "help", "glossary", "mistakes", "size", "funding", "CHECK", "Liq", "unknownxyz", "",
    ];

    public static readonly string[] Tokens =
    [
        // numbers no trader means
        "1e30", "-1e30", "1E-30", "-0", "+0", "0", "-0.0", "0x10", "0X1F", "NaN", "nan", "∞", "-∞", "Infinity", "1,2,3.4.5", "1..2", "1.", ".", "-", ",", "+",
        "79228162514264337593543950335", "79228162514264337593543950336", "-79228162514264337593543950335", "0.0000000000000000000000000001",
        "99999999999999999999999999999999999", "1,000,000,000,000,000", "999999999999", "1000000000001", "5k", "5m", "5M", "999999m", "$-5", "@@", "%", "-%", "1%%",
        "10x", "x10", "0x", "1000x", "-5x", "0.5x", "200x", "201x", "1e3x", "xx", "٣٠٠٠", "３０００", "1 000", "1_000", "1__0", "00000001", "-100%", "+500%", "-99.999%",
        "1d", "0h", "-8h", "9999999d", "0.01%", "5%", "-0.5%", "100%",
        // markup
        "<script>alert(1)</script>", "<b>", "</b>", "<i>x9q</i>", "<a href=\"https://evil.example\">x</a>", "<b>pwn</b>", "</code>x9q", "<tg-spoiler>x9q</tg-spoiler>",
        "&amp;", "&lt;", "&", "<", ">", "<>", "&#0;", "&nbsp;", "*bold*", "_it_", "`code`", "```pre```", "[link](https://evil.example)", "||spoiler||", "~~s~~",
        "\\", "\"", "'", "\u0000", "\u202e", "\u200b", "\ufeff", "\ud800", "\udc00", "🔥", "👨‍👩‍👧", "\r\n", "\t", "\n",
        // words the flows know
        "btc", "eth", "ETHUSDT", "btc/usdt", "BTCUSD", "sol", "doge", "xyzusdt", "long", "short", "buy", "sell", "isolated", "iso", "cross", "binance", "bybit", "okx",
        "wallet", "qty", "stop", "risk", "at", "yes", "no", "y", "n", "skip", "save", "edit", "compare", "cancel", "back", "unsure", "not sure", "?", "mode",
        "entry", "stop-loss", "new=yes", "new=no", "xyz=yes", "fees", "default", "exchange", "3000", "60000", "2", "1", "#1", "#0", "-1", "51",
    ];

    public static readonly string[] BotSuffixes = ["", "", "", "@MarginBot", "@marginbot", "@OtherBot", "@", "@MarginBot@MarginBot", "@MarginBotX"];

    /// <summary>A token, a random Unicode scrap or a mix.</summary>
    public static readonly Gen<string> Token = Gen.Frequency(
        (6, Gen.OneOf(Tokens)),
        (1, Gen.String[Gen.Char, 1, 12]),
        (1, Gen.String[1, 12]));

    /// <summary>Several tokens joined by spaces (or other separators).</summary>
    public static readonly Gen<string> Words = Gen.Select(Token.Array[0, 8], Gen.OneOf(" ", " ", " ", "  ", "\n", "\t", ","), (t, sep) => string.Join(sep, t));

    /// <summary>A command, maybe addressed to some bot, with hostile arguments.</summary>
    public static readonly Gen<string> Command = Gen.Select(Gen.OneOf(Commands), Gen.OneOf(BotSuffixes), Words, (c, bot, args) => "/" + c + bot + (args.Length == 0 ? string.Empty : " " + args));

    /// <summary>Empty, blank, or thousands of characters (around the length limits).</summary>
    public static readonly Gen<string> Sized = Gen.Frequency(
        (2, Gen.OneOf(string.Empty, " ", "\n\n", "\t")),
        (3, Gen.Select(Gen.Int[3_900, 5_000], Token, Gen.Bool, (n, t, asCommand) => Repeat(asCommand ? "/liq " : string.Empty, t, n))),
        (1, Gen.Select(Gen.Int[100, 5_000], n => new string('&', n))),
        (1, Gen.Select(Gen.Int[100, 5_000], Gen.OneOf(Commands), (n, c) => "/glossary " + Repeat(string.Empty, c + "<&>", n))));

    /// <summary>Anything a user could type.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Words),
        (4, Command),
        (1, Sized),
        (1, Gen.String[Gen.Char, 0, 60]));

    /// <summary>Button data nobody's keyboard offered.</summary>
    public static readonly Gen<string> ForgedData = Gen.Frequency(
        (3, Gen.Select(Gen.OneOf("chk", "mode", "liq", "go", "tree", "x"), Gen.OneOf("Symbol", "Entry", "Size", "Leverage", "Mode", "ModeTree", "Wallet", "MaxLoss", "Stop", "Hold", "Summary", "Edit", "Closed", "", "summary", "999"), Token,
            (prefix, step, value) => prefix + ":" + step + ":" + value)),
        (2, Gen.Select(Gen.OneOf("mode:", "liq:", "chk:", "go:", "mode:new=", "chk:Summary:"), Token, (p, v) => p + v)),
        (1, Gen.OneOf("go:check", "chk:Summary:save", "chk:Summary:iso", "chk:Edit:Wallet", "mode:new=yes", "liq:long", "chk:Mode:isolated", "chk::", "::", ":", "chk", "mode", "")),
        (1, Gen.String[Gen.Char, 0, 80]),
        (1, Gen.Select(Gen.Int[65, 300], n => "chk:Summary:" + new string('s', n))));

    private static string Repeat(string head, string token, int length)
    {
        var text = new System.Text.StringBuilder(head);
        while (text.Length < length)
        {
            text.Append(token).Append(' ');
        }

        return text.ToString(0, length);
    }
}
