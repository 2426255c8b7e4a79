using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Portfolio;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;

namespace MarginBot.Conversations.Text;

internal static partial class Texts
{
    /// <summary>/wallet, /open, /positions, /close, /marks.</summary>
    public static class Book
    {
        public const string NoWallet = "No wallet balance yet. Set it with <code>/wallet 1000</code> (your whole futures wallet, USDT).";
        public const string WalletExample = "a balance of 0 or more in USDT, such as /wallet 1000";
        public const string WalletFirst = "Set your futures wallet first, so cross positions can be computed: <code>/wallet 1000</code>.";
        public const string OpenUsage = "Add a position: <code>/open eth long 3000 2 5x isolated</code> (symbol, side, entry, quantity; leverage and mode optional: 1x cross when not given). The size may also be <code>qty 2</code>, <code>2 eth</code> or <code>$6000</code>.";
        public const string OpenNoWalletOrExchange = "no wallet or exchange here: set them with /wallet and /settings. Example: /open eth long 3000 2 5x";
        public const string LinearOnly = "a USDT-margined symbol such as ETHUSDT; the book holds USDT positions";
        public const string DefaultLeverage = "No leverage given: 1x assumed. Add e.g. 5x to change it.";
        public const string DefaultMode = "No margin mode given: cross assumed, as many apps default to it. Add isolated or cross to say which.";
        public const string NothingToClose = "No open positions to close.";
        public const string MarksExample = "a coin and a mark price, such as /marks eth 2900";

        public static string MarginAboveWallet(decimal margins, decimal wallet) =>
            $"a size whose margin fits the wallet: the positions would need {Money(margins)} of initial margin and the wallet holds {Money(wallet)}. Lower the size, raise the leverage or /wallet more";

        public static string TooManyPositions(int max) =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Your book already holds {max} positions, the most I keep. Remove one with /close N first (/positions lists them).");

        public static string WalletIs(decimal wallet) => $"Your futures wallet: {Money(wallet)}.";

        public static string WalletSet(decimal wallet, int positions) =>
            $"Futures wallet set to {Money(wallet)}." + (positions > 0 ? " /positions shows the new liquidation prices." : " Add positions with /open or /check.");

        public static string OpenMissing(IReadOnlyList<string> missing) =>
            $"To open a position I still need: <b>{string.Join(", ", missing)}</b>. Example: <code>/open eth long 3000 2 5x isolated</code>.";

        public static string Opened(int number, PositionReport report, IReadOnlyList<string> notes)
        {
            var p = report.Position;
            var lines = new List<string>
            {
                $"Position {number} opened: {p.Symbol} {Words.Of(p.Side)} {Qty(p.Quantity)} @ {Price(p.EntryPrice)}, {Input.Numbers.Format(p.Leverage)}x {Words.Of(p.Mode)}.",
                report.LiquidationPrice is { } lp
                    ? $"Estimated liquidation price {Price(lp)} ({Percent(Math.Abs(report.DistanceToLiquidationPct ?? 0m))} away). An estimate; exchanges' rules differ."
                    : "No positive price liquidates it with this wallet.",
            };
            lines.AddRange(notes);
            return string.Join("\n", lines);
        }

        public static string NoPositions(decimal? wallet) =>
            "No open positions." + (wallet is { } w ? $" Wallet {Money(w)}." : string.Empty) + " Add one with /open eth long 3000 2 5x or walk /check.";

        /// <summary>"Live marks: BTCUSDT mark 60,123.4 on Binance, 2 min ago; …" for the marks fetched by /positions live.</summary>
        public static string LiveMarks(Portfolio.TraderBook book, DateTimeOffset now) =>
            "Live marks: " + string.Join("; ", book.MarkSources.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Where(e => book.Marks.ContainsKey(e.Key))
                .Select(e => Market.StoredMark(e.Key, book.Marks[e.Key], e.Value, now))) + ". /positions live refreshes them.";

        public static string Report(BookReport report)
        {
            var a = report.Account;
            var lines = new List<string> { $"<b>Your book</b> ({report.Exchange.Name})" };
            for (var i = 0; i < report.Positions.Count; i++)
            {
                var r = report.Positions[i];
                var p = r.Position;
                var lp = r.LiquidationPrice is { } price
                    ? $"liq ≈ {Price(price)} ({Percent(r.DistanceToLiquidationPct ?? 0m)} away)"
                    : "no liquidation price";
                lines.Add($"{i + 1}. {p.Symbol} {Words.Of(p.Side)} {Qty(p.Quantity)} @ {Price(p.EntryPrice)} · {Input.Numbers.Format(p.Leverage)}x {Words.Of(p.Mode)} · mark {Price(r.MarkPrice)} · PnL {Money(r.UnrealizedPnl)} · {lp}");
            }

            lines.Add(string.Empty);
            lines.Add($"Wallet {Money(a.WalletBalance)} · equity {Money(a.Equity)} · margin in use {Money(a.InitialMargin)} · idle funds {Money(a.IdleFunds)}");
            if (report.Positions.Any(r => r.Position.Mode == MarginMode.Cross))
            {
                lines.Add($"Cross margin ratio {Percent(a.MarginRatio * 100m)} (100% is liquidation)." + (a.IdleFunds > 0 ? $" The idle {Money(a.IdleFunds)} backs the cross positions: liquidation fuel." : string.Empty));
            }

            foreach (var finding in report.Findings)
            {
                lines.Add("⚠️ " + Html.Escape(WarningText.Describe(finding)));
            }

            lines.Add("Estimates from the exchange's published rules; exchanges' rules differ. /close N removes a position, /marks eth 2900 sets a mark.");
            return string.Join("\n", lines);
        }

        public static string CloseExample(int count) => count == 1 ? "the position number: /close 1" : $"a position number from 1 to {count}, such as /close 1";

        public static string Closed(int number, Position p, int remaining) =>
            $"Closed position {number}: {p.Symbol} {Words.Of(p.Side)} {Qty(p.Quantity)} @ {Price(p.EntryPrice)}. {(remaining == 0 ? "No positions left." : "/positions shows the rest (numbers shift up).")}";

        public static string MarksAre(TraderBook book) =>
            book.Marks.Count == 0
                ? "No marks set; positions are marked at their entry. Set one with /marks eth 2900."
                : "Marks: " + string.Join(", ", book.Marks.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} {Price(m.Value)}"));

        public static string MarkSet(string symbol, decimal mark, bool held) =>
            $"Mark of {symbol} set to {Price(mark)}." + (held ? " /positions shows the effect." : " You hold no position in it yet.");
    }

    /// <summary>/settings.</summary>
    public static class Settings
    {
        public static readonly string ExchangeExample = $"{Words.ExchangeChoices}, such as /settings exchange bybit";
        public const string FeeExample = "a fee in percent from 0 to 1, such as /settings fees 0.05% 0.02% (taker, maker)";
        public const string Usage = "/settings exchange bybit, /settings fees 0.05% 0.02% (taker then maker), or /settings fees default";

        public static string Show(MarginBot.Conversations.Settings.UserSettings s) =>
            $"""
            <b>Your settings</b>
            Exchange: {s.Profile.Name}
            Fees: taker {FeePercent(s.Fees.Taker)}, maker {FeePercent(s.Fees.Maker)}{(s.Taker is null ? " (the exchange's published base rates)" : " (yours)")}
            Change: {Usage}
            """;

        public static string Changed(MarginBot.Conversations.Settings.UserSettings s) =>
            $"Saved. Exchange {s.Profile.Name}; fees taker {FeePercent(s.Fees.Taker)}, maker {FeePercent(s.Fees.Maker)}.";
    }

    /// <summary>/liq.</summary>
    public static class Liq
    {
        public const string Cancelled = "Question dropped.";

        public static string Grammar(string bot) => $"""
            <b>/liq: estimated liquidation price</b>
            Tokens in any order:
            • symbol: btc, BTC, BTCUSDT, btc/usdt
            • side: long, short, buy, sell
            • entry: 60000, 60,000, 60k, @60000, at 60000
            • leverage: 10x or x10
            • size (optional; needed for cross): 0.5 btc, qty 0.5, $5000, 5k usdt
            • mode (optional, isolated by default): cross, isolated, iso
            • wallet (optional, cross): wallet 1000
            • exchange (optional): {string.Join(", ", Words.Exchanges)}
            Example: <code>/liq btc long 60000 10x</code>; in groups <code>/liq@{bot} eth short 3k x20 2 eth cross wallet 1000</code>.
            """;

        public static string Usage(string bot, Chat.ChatKind kind) =>
            $"Give me a trade: <code>/liq{(kind == Chat.ChatKind.Group ? "@" + bot : string.Empty)} btc long 60000 10x</code>. /help liq shows every option.";

        public static string Problem(InputProblem problem, string bot) =>
            $"I could not read <b>{Html.Quote(problem.Field)}</b>: expected {Html.Escape(Expecting(problem))}.\nExample: <code>/liq btc long 60000 10x</code> (/help liq for the grammar).";

        public static string MissingInGroup(IReadOnlyList<string> missing, string bot) =>
            $"Missing: <b>{string.Join(", ", missing)}</b>. Example: <code>/liq@{bot} btc long 60000 10x</code>" + (missing.Contains(PieceSize) ? " (cross needs a size: 0.5 btc or $5000)." : ".");

        public static string AskMissing(IReadOnlyList<string> missing) =>
            $"Almost there. I still need the <b>{string.Join(", ", missing)}</b>: send just that (e.g. {string.Join(" ", missing.Select(Example))}). /cancel drops the question.";

        public static string StillAsking(IReadOnlyList<string> missing) =>
            missing.Count == 0 ? string.Empty : $"I still need the <b>{string.Join(", ", missing)}</b>.";

        public static string Answer(QuickCommands.LiqQuote quote) => Answer(quote, []);

        /// <summary>The answer, with <paramref name="sources"/> (where a live entry and the tiers came from) under its title.</summary>
        public static string Answer(QuickCommands.LiqQuote quote, IReadOnlyList<string> sources)
        {
            var r = quote.Position;
            var p = r.Position;
            var sizeText = quote.SizeGiven ? $"{Qty(p.Quantity)} ({Money(r.Notional, quote.Book.MarginAsset)})" : "size not given";
            var lines = new List<string>
            {
                $"<b>{p.Symbol} {Words.Of(p.Side)} @ {Price(p.EntryPrice)}, {Input.Numbers.Format(p.Leverage)}x {Words.Of(p.Mode)}</b> · {quote.Book.Exchange.Name} · {sizeText}",
                r.LiquidationPrice is { } lp
                    ? $"Estimated liquidation price: <b>{Price(lp)}</b>, {Percent(Math.Abs(r.DistanceToLiquidationPct ?? 0m))} {(p.Side == Side.Long ? "below" : "above")} the entry."
                    : "No positive price liquidates this position.",
                $"Maintenance margin rate {Percent(r.Tier.MaintenanceMarginRate * 100m)} (tier {r.Tier.Number}); formula {r.Liquidation.Formula}.",
            };
            lines.InsertRange(1, sources);
            if (!quote.SizeGiven)
            {
                lines.Add("No size given: tier 1 assumed, which holds for small positions; add e.g. 0.5 btc for larger ones.");
            }

            if (quote.WalletAssumed)
            {
                lines.Add("No wallet given: the cross wallet is taken as the margin alone, which behaves like isolated. Add wallet 1000 to see what the whole wallet does.");
            }

            foreach (var finding in quote.Report.Findings)
            {
                lines.Add("⚠️ " + Html.Escape(WarningText.Describe(finding)));
            }

            lines.Add("An estimate: exchanges' rules differ, so check your exchange's own figure.");
            return string.Join("\n", lines);
        }

        private static string Example(string piece) => piece switch
        {
            PieceSymbol => "btc",
            PieceSide => "long",
            PieceEntry => "60000",
            PieceLeverage => "10x",
            _ => "0.5 btc",
        };
    }
}
