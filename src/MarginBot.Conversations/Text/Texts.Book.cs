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
        public static string NoWallet => Say("book.wallet.none");

        public static string WalletExample => Say("book.wallet.example");

        public static string WalletFirst => Say("book.wallet.first");

        public static string OpenUsage => Say("book.open.usage");

        public static string OpenNoWalletOrExchange => Say("book.open.no-wallet-or-exchange");

        public static string LinearOnly => Say("book.open.linear-only");

        public static string DefaultLeverage => Say("book.open.default-leverage");

        public static string DefaultMode => Say("book.open.default-mode");

        public static string NothingToClose => Say("book.close.nothing");

        public static string MarksExample => Say("book.marks.example");

        public static string MarginAboveWallet(decimal margins, decimal wallet) =>
            Say("book.open.margin-above-wallet", ("margins", Money(margins)), ("wallet", Money(wallet)));

        public static string TooManyPositions(int max) => Say("book.open.too-many", ("max", max));

        public static string WalletIs(decimal wallet) => Say("book.wallet.is", ("wallet", Money(wallet)));

        public static string WalletSet(decimal wallet, int positions) =>
            positions > 0
                ? Say("book.wallet.set.with-positions", ("wallet", Money(wallet)))
                : Say("book.wallet.set.empty", ("wallet", Money(wallet)));

        public static string OpenMissing(IReadOnlyList<string> missing) =>
            Say("book.open.missing", ("missing", string.Join(", ", missing)));

        public static string Opened(int number, PositionReport report, IReadOnlyList<string> notes)
        {
            var p = report.Position;
            var lines = new List<string>
            {
                Say("book.opened", ("number", number), ("symbol", p.Symbol), ("side", Words.Of(p.Side)), ("quantity", Qty(p.Quantity)), ("entry", Price(p.EntryPrice)), ("leverage", Input.Numbers.Format(p.Leverage)), ("mode", Words.Of(p.Mode))),
                report.LiquidationPrice is { } lp
                    ? Say("book.opened.liquidation", ("liquidation", Price(lp)), ("distance", Percent(Math.Abs(report.DistanceToLiquidationPct ?? 0m))))
                    : Say("book.opened.no-liquidation"),
            };
            lines.AddRange(notes);
            return string.Join("\n", lines);
        }

        public static string NoPositions(decimal? wallet) =>
            wallet is { } w ? Say("book.positions.none.with-wallet", ("wallet", Money(w))) : Say("book.positions.none");

        /// <summary>"Live marks: BTCUSDT mark 60,123.4 on Binance, 2 min ago; …" for the marks fetched by /positions live.</summary>
        public static string LiveMarks(Portfolio.TraderBook book, DateTimeOffset now) =>
            Say("book.positions.live-marks", ("marks", string.Join("; ", book.MarkSources.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Where(e => book.Marks.ContainsKey(e.Key))
                .Select(e => Market.StoredMark(e.Key, book.Marks[e.Key], e.Value, now)))));

        public static string Report(BookReport report)
        {
            var a = report.Account;
            var lines = new List<string> { Say("book.report.title", ("exchange", report.Exchange.Name)) };
            for (var i = 0; i < report.Positions.Count; i++)
            {
                var r = report.Positions[i];
                var p = r.Position;
                (string, object?)[] values =
                [
                    ("number", i + 1), ("symbol", p.Symbol), ("side", Words.Of(p.Side)), ("quantity", Qty(p.Quantity)), ("entry", Price(p.EntryPrice)),
                    ("leverage", Input.Numbers.Format(p.Leverage)), ("mode", Words.Of(p.Mode)), ("mark", Price(r.MarkPrice)), ("pnl", Money(r.UnrealizedPnl)),
                ];
                lines.Add(r.LiquidationPrice is { } price
                    ? Say("book.report.position", [.. values, ("liquidation", Price(price)), ("distance", Percent(r.DistanceToLiquidationPct ?? 0m))])
                    : Say("book.report.position.no-liquidation", values));
            }

            lines.Add(string.Empty);
            lines.Add(Say("book.report.account", ("wallet", Money(a.WalletBalance)), ("equity", Money(a.Equity)), ("margin", Money(a.InitialMargin)), ("idle", Money(a.IdleFunds))));
            if (report.Positions.Any(r => r.Position.Mode == MarginMode.Cross))
            {
                lines.Add(a.IdleFunds > 0
                    ? Say("book.report.cross-ratio.idle", ("ratio", Percent(a.MarginRatio * 100m)), ("idle", Money(a.IdleFunds)))
                    : Say("book.report.cross-ratio", ("ratio", Percent(a.MarginRatio * 100m))));
            }

            foreach (var finding in report.Findings)
            {
                lines.Add("⚠️ " + Html.Escape(WarningText.Describe(finding)));
            }

            lines.Add(Say("book.report.footer"));
            return string.Join("\n", lines);
        }

        public static string CloseExample(int count) => count == 1 ? Say("book.close.example.one") : Say("book.close.example.other", ("count", count));

        public static string Closed(int number, Position p, int remaining)
        {
            (string, object?)[] values = [("number", number), ("symbol", p.Symbol), ("side", Words.Of(p.Side)), ("quantity", Qty(p.Quantity)), ("entry", Price(p.EntryPrice))];
            return remaining == 0 ? Say("book.close.done.last", values) : Say("book.close.done", values);
        }

        public static string MarksAre(TraderBook book) =>
            book.Marks.Count == 0
                ? Say("book.marks.none")
                : Say("book.marks.list", ("marks", string.Join(", ", book.Marks.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} {Price(m.Value)}"))));

        public static string MarkSet(string symbol, decimal mark, bool held) =>
            held
                ? Say("book.marks.set.held", ("symbol", symbol), ("mark", Price(mark)))
                : Say("book.marks.set.not-held", ("symbol", symbol), ("mark", Price(mark)));
    }

    /// <summary>/settings.</summary>
    public static class Settings
    {
        public static string ExchangeExample => Say("settings.exchange.example", ("exchanges", Words.ExchangeChoices));

        public static string FeeExample => Say("settings.fees.example");

        public static string Usage => Say("settings.usage");

        public static string Show(MarginBot.Conversations.Settings.UserSettings s)
        {
            (string, object?)[] values = [("exchange", s.Profile.Name), ("taker", FeePercent(s.Fees.Taker)), ("maker", FeePercent(s.Fees.Maker))];
            return s.Taker is null ? Say("settings.show.published-fees", values) : Say("settings.show.own-fees", values);
        }

        public static string Changed(MarginBot.Conversations.Settings.UserSettings s) =>
            Say("settings.changed", ("exchange", s.Profile.Name), ("taker", FeePercent(s.Fees.Taker)), ("maker", FeePercent(s.Fees.Maker)));
    }

    /// <summary>/liq.</summary>
    public static class Liq
    {
        public static string Cancelled => Say("liq.cancelled");

        public static string Grammar(string bot) => Say("liq.grammar", ("exchanges", string.Join(", ", Words.Exchanges)), ("bot", bot));

        public static string Usage(string bot, Chat.ChatKind kind) =>
            kind == Chat.ChatKind.Group ? Say("liq.usage.group", ("bot", bot)) : Say("liq.usage");

        public static string Problem(InputProblem problem, string bot) =>
            Say("liq.problem", ("field", Html.Quote(problem.Field)), ("expected", Html.Escape(Expecting(problem))));

        public static string MissingInGroup(IReadOnlyList<string> missing, string bot) =>
            missing.Contains(PieceSize)
                ? Say("liq.missing-in-group.size", ("missing", string.Join(", ", missing)), ("bot", bot))
                : Say("liq.missing-in-group", ("missing", string.Join(", ", missing)), ("bot", bot));

        public static string AskMissing(IReadOnlyList<string> missing) =>
            Say("liq.ask-missing", ("missing", string.Join(", ", missing)), ("examples", string.Join(" ", missing.Select(Example))));

        public static string StillAsking(IReadOnlyList<string> missing) =>
            missing.Count == 0 ? string.Empty : Say("liq.still-asking", ("missing", string.Join(", ", missing)));

        public static string Answer(QuickCommands.LiqQuote quote) => Answer(quote, []);

        /// <summary>The answer, with <paramref name="sources"/> (where a live entry and the tiers came from) under its title.</summary>
        public static string Answer(QuickCommands.LiqQuote quote, IReadOnlyList<string> sources)
        {
            var r = quote.Position;
            var p = r.Position;
            (string, object?)[] trade =
            [
                ("symbol", p.Symbol), ("side", Words.Of(p.Side)), ("entry", Price(p.EntryPrice)), ("leverage", Input.Numbers.Format(p.Leverage)),
                ("mode", Words.Of(p.Mode)), ("exchange", quote.Book.Exchange.Name),
            ];
            var away = Percent(Math.Abs(r.DistanceToLiquidationPct ?? 0m));
            var lines = new List<string>
            {
                quote.SizeGiven
                    ? Say("liq.answer.title", [.. trade, ("quantity", Qty(p.Quantity)), ("notional", Money(r.Notional, quote.Book.MarginAsset))])
                    : Say("liq.answer.title.no-size", trade),
                r.LiquidationPrice is not { } lp
                    ? Say("liq.answer.no-liquidation")
                    : p.Side == Side.Long
                        ? Say("liq.answer.liquidation.below", ("liquidation", Price(lp)), ("distance", away))
                        : Say("liq.answer.liquidation.above", ("liquidation", Price(lp)), ("distance", away)),
                Say("liq.answer.tier", ("rate", Percent(r.Tier.MaintenanceMarginRate * 100m)), ("tier", r.Tier.Number), ("formula", r.Liquidation.Formula)),
            };
            lines.InsertRange(1, sources);
            if (!quote.SizeGiven)
            {
                lines.Add(Say("liq.answer.no-size"));
            }

            if (quote.WalletAssumed)
            {
                lines.Add(Say("liq.answer.wallet-assumed"));
            }

            foreach (var finding in quote.Report.Findings)
            {
                lines.Add("⚠️ " + Html.Escape(WarningText.Describe(finding)));
            }

            lines.Add(Say("quote.estimate-note"));
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
