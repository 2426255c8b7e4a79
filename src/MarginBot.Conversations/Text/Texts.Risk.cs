using MarginBot.Conversations.Input;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Risk;
using MarginBot.Engine.Warnings;

namespace MarginBot.Conversations.Text;

internal static partial class Texts
{
    /// <summary>/whatif, /compare, /idle.</summary>
    public static class Risk
    {
        public static string WhatIfExample => Say("risk.whatif.example");

        public static string CompareExample => Say("risk.compare.example");

        public static string WhatIfUsage => Say("risk.whatif.usage");

        public static string NoPositions => Say("risk.no-positions");

        public static string EverythingWord => Say("risk.move.every-coin");

        public static string PercentRange => Say("risk.move.percent-range");

        public static string CrossSeries => Say("risk.chart.cross-series");

        public static string IsolatedSeries => Say("risk.chart.isolated-series");

        public static string ChartMoveAxis => Say("risk.chart.move-axis");

        public static string Model => Say("risk.model");

        public static string PriceNeedsCoin(string token) => Say("risk.move.price-needs-coin", ("token", token));

        public static string MoveExample(string example) => Say("risk.move.example", ("example", example));

        public static string MoveAfterCoin(string symbol) =>
            Say("risk.move.after-coin", ("symbol", symbol), ("coin", Symbols.BaseAsset(symbol).ToLowerInvariant()));

        public static string NotInBook(string symbol, IEnumerable<string> held) =>
            Say("risk.move.not-in-book", ("held", string.Join(", ", held.Order(StringComparer.Ordinal))), ("symbol", symbol));

        public static string WhatIfAnswer(string move, string typed, CascadeResult result, string exchange, IReadOnlyList<Finding> findings)
        {
            var lines = new List<string>
            {
                Say("risk.whatif.title", ("move", Html.Quote(move)), ("exchange", exchange)),
                Say("risk.whatif.before", ("wallet", Money(result.StartWallet)), ("equity", Money(result.StartEquity))),
            };
            if (result.Events.Count == 0)
            {
                lines.Add(Say("risk.whatif.no-liquidation"));
            }
            else
            {
                for (var i = 0; i < result.Events.Count; i++)
                {
                    var e = result.Events[i];
                    var p = e.Position;
                    (string, object?)[] values =
                    [
                        ("number", i + 1), ("symbol", p.Symbol), ("side", Words.Of(p.Side)), ("mode", Words.Of(p.Mode)), ("price", Price(e.Price)),
                        ("move", Signed(e.MovePct)), ("loss", Money(e.Loss)), ("fee", Money(e.Fee)), ("walletAfter", Money(e.WalletAfter)),
                    ];
                    lines.Add(e.AccountTrigger ? Say("risk.whatif.event-by-cross-trigger", values) : Say("risk.whatif.event", values));
                }
            }

            var end = result.End;
            (string, object?)[] after =
            [
                ("wallet", Money(end.WalletBalance)), ("equity", Money(end.Equity)), ("count", end.PositionsLeft.Count), ("cost", Money(result.StartEquity - end.Equity)),
            ];
            lines.Add(end.PositionsLeft.Count == 1 ? Say("risk.whatif.after.one", after) : Say("risk.whatif.after.other", after));
            lines.Add(Model);
            AddFindings(lines, findings);
            lines.Add(Say("risk.whatif.compare-hint", ("typed", Html.Quote(typed))));
            return string.Join("\n", lines);
        }

        public static string CompareAnswer(string move, bool assumed, ModeComparison c, IReadOnlyList<Finding> findings)
        {
            var lines = new List<string> { Say("risk.compare.title", ("move", Html.Quote(move))) };
            if (assumed)
            {
                lines.Add(Say("risk.compare.assumed-move", ("move", Html.Quote(move))));
            }

            lines.Add(Sentence(c));
            lines.Add(c.Cross.Liquidated.Count == 0
                ? Say("risk.compare.cross.nothing", ("wallet", Money(c.Cross.WalletLeft)))
                : Say("risk.compare.cross.liquidates", ("positions", Names(c.Cross.Liquidated, ", ")), ("loss", Money(c.Cross.TotalLoss)), ("wallet", Money(c.Cross.WalletLeft))));
            var margins = string.Join(", ", c.IsolatedMargins.Select(m => Money(m)));
            lines.Add(c.Isolated.Liquidated.Count == 0
                ? Say("risk.compare.isolated.nothing", ("margins", margins), ("wallet", Money(c.Isolated.WalletLeft)))
                : Say("risk.compare.isolated.liquidates", ("margins", margins), ("positions", Names(c.Isolated.Liquidated, ", ")), ("loss", Money(c.Isolated.TotalLoss)), ("wallet", Money(c.Isolated.WalletLeft))));
            if (c.IsolatedMarginsExceedWallet)
            {
                lines.Add(Say("risk.compare.margins-exceed-wallet"));
            }

            lines.Add(Model);
            AddFindings(lines, findings);
            lines.Add(Say("risk.compare.chart-note"));
            return string.Join("\n", lines);
        }

        /// <summary>"In cross this wick costs you $X of your $W wallet and also closes your BTC short; isolated would have capped it at $Y."</summary>
        public static string Sentence(ModeComparison c, string asset = "USDT")
        {
            (string, object?) cross = ("crossCost", Texts.Money(c.Cross.Cost, asset));
            (string, object?) wallet = ("wallet", Texts.Money(c.Cross.WalletBefore, asset));
            (string, object?) isolated = ("isolatedCost", Texts.Money(c.Isolated.Cost, asset));
            var also = c.ClosedOnlyInCross;
            var capped = c.Isolated.Cost < c.Cross.Cost;
            if (also.Count == 0)
            {
                return capped
                    ? Say("risk.sentence.capped", cross, wallet, isolated)
                    : Say("risk.sentence.no-saving", cross, wallet, isolated);
            }

            (string, object?) closed = ("closed", Names(also, " and "));
            return capped
                ? Say("risk.sentence.capped-also-closes", cross, wallet, closed, isolated)
                : Say("risk.sentence.no-saving-also-closes", cross, wallet, closed, isolated);
        }

        public static string IdleAnswer(AccountSummary account, IdleFundsExposure idle, IReadOnlyList<Finding> findings)
        {
            var lines = new List<string>
            {
                Say("risk.idle.title"),
                Say("risk.idle.summary", ("wallet", Money(account.WalletBalance)), ("margin", Money(account.InitialMargin)), ("idle", Money(idle.IdleFunds))),
            };
            if (idle.Effects.Count == 0)
            {
                lines.Add(idle.IdleFunds > 0
                    ? Say("risk.idle.not-exposed", ("idle", Money(idle.IdleFunds)))
                    : Say("risk.idle.nothing"));
            }
            else
            {
                lines.Add(idle.ExposedToCross > 0
                    ? Say("risk.idle.fuel", ("exposed", Money(idle.ExposedToCross)))
                    : Say("risk.idle.none-idle"));
                foreach (var e in idle.Effects)
                {
                    lines.Add(Effect(e.Position, e.LiquidationPriceWithIdle, e.LiquidationPriceWithoutIdle));
                }

                lines.Add(Say("risk.idle.advice"));
            }

            AddFindings(lines, findings);
            return string.Join("\n", lines);
        }

        public static string ChartTitle(string? symbol) =>
            symbol is null ? Say("risk.chart.title.every-coin") : Say("risk.chart.title.one-coin", ("coin", Symbols.BaseAsset(symbol)));

        public static string ChartPriceAxis(string symbol) => Say("risk.chart.price-axis", ("symbol", symbol));

        public static string ChartEquityAxis(string asset) => Say("risk.chart.equity-axis", ("asset", asset));

        public static string MarkerLabel(IReadOnlyList<string> names) => Say("risk.chart.marker", ("names", string.Join(" + ", names)));

        public static void AddFindings(List<string> lines, IReadOnlyList<Finding> findings)
        {
            foreach (var finding in findings)
            {
                lines.Add((finding.Severity == Severity.Danger ? "🛑 " : finding.Severity == Severity.Info ? "ℹ️ " : "⚠️ ") + Html.Escape(WarningText.Describe(finding)));
            }
        }

        /// <summary>One bullet of /idle: how the idle funds move a cross position's liquidation price.</summary>
        private static string Effect(Position p, decimal? with, decimal? without)
        {
            (string, object?) symbol = ("symbol", p.Symbol);
            (string, object?) side = ("side", Words.Of(p.Side));
            if (with is { } a && without is { } b)
            {
                var shift = Math.Abs(a - b);
                (string, object?)[] values =
                [
                    symbol, side, ("with", Price(a)), ("without", Price(b)), ("shift", Input.Numbers.Format(shift)), ("shiftPercent", Percent(b == 0 ? 0 : shift / b * 100m)),
                ];
                return p.Side == Side.Long ? Say("risk.idle.effect.down", values) : Say("risk.idle.effect.up", values);
            }

            return with is null && without is null
                ? Say("risk.idle.effect.never", symbol, side)
                : with is null
                    ? Say("risk.idle.effect.only-without", symbol, side, ("without", Price(without!.Value)))
                    : Say("risk.idle.effect.only-with", symbol, side, ("with", Price(with.Value)));
        }

        private static string Names(IEnumerable<Position> positions, string separator) =>
            string.Join(separator, positions.Select(p => Symbols.BaseAsset(p.Symbol) + " " + Words.Of(p.Side)));

        private static string Signed(decimal percent) => (percent > 0 ? "+" : string.Empty) + Input.Numbers.Format(percent);
    }
}
