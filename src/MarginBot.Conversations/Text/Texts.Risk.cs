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
        public const string WhatIfExample = "/whatif eth -10%, /whatif -15% or /whatif eth 2900";
        public const string CompareExample = "/compare eth -10% or /compare -15%";
        public const string WhatIfUsage = "Which move? <code>/whatif eth -10%</code> (one coin, percent of its mark), <code>/whatif eth 2900</code> (one coin to a price), <code>/whatif -15%</code> (every coin), or several: <code>/whatif eth -10% btc -5%</code>.";
        public const string NoPositions = "Your book has no positions yet. Add one with <code>/open eth long 3000 2 5x cross</code> or save one from /check.";
        public const string EverythingWord = "every coin";
        public const string PercentRange = "a move above -100% and at most +1000%, such as -10%";
        public const string CrossSeries = "Cross";
        public const string IsolatedSeries = "Isolated";
        public const string ChartMoveAxis = "Move of every coin from its mark (%)";
        public const string Model = "Model: at the cross trigger (cross equity down to its maintenance requirement) the whole cross book is closed, the conservative assumption; exchanges may close less. Isolated positions die alone at their own liquidation price. Every close pays the taker fee.";

        public static string PriceNeedsCoin(string token) => $"a coin before a price, such as /whatif eth {token}; a move of every coin is a percentage such as -15%";

        public static string MoveExample(string example) => $"a coin and a move, such as {example}";

        public static string MoveAfterCoin(string symbol) => $"a move after {symbol}, such as {Symbols.BaseAsset(symbol).ToLowerInvariant()} -10% or {Symbols.BaseAsset(symbol).ToLowerInvariant()} 2900";

        public static string NotInBook(string symbol, IEnumerable<string> held) =>
            $"a coin of your book ({string.Join(", ", held.Order(StringComparer.Ordinal))}); you hold no {symbol}";

        public static string WhatIfAnswer(string move, string typed, CascadeResult result, string exchange, IReadOnlyList<Finding> findings)
        {
            var lines = new List<string>
            {
                $"<b>What if {Html.Quote(move)}?</b> From your marks, {exchange}'s rules.",
                $"Before: wallet {Money(result.StartWallet)} · equity {Money(result.StartEquity)}.",
            };
            if (result.Events.Count == 0)
            {
                lines.Add("No liquidation on this path.");
            }
            else
            {
                for (var i = 0; i < result.Events.Count; i++)
                {
                    var e = result.Events[i];
                    var p = e.Position;
                    lines.Add($"{i + 1}. {p.Symbol} {Words.Of(p.Side)} ({Words.Of(p.Mode)}) liquidated at {Price(e.Price)} ({Signed(e.MovePct)}%){(e.AccountTrigger ? " by the cross trigger" : string.Empty)}: loss {Money(e.Loss)} (fee {Money(e.Fee)}), wallet after {Money(e.WalletAfter)}.");
                }
            }

            var end = result.End;
            lines.Add($"After: wallet {Money(end.WalletBalance)} · equity {Money(end.Equity)} · {end.PositionsLeft.Count} position{(end.PositionsLeft.Count == 1 ? string.Empty : "s")} left. The move costs you {Money(result.StartEquity - end.Equity)}.");
            lines.Add(Model);
            AddFindings(lines, findings);
            lines.Add($"<code>/compare {Html.Quote(typed)}</code> shows the same move all-isolated vs all-cross, with a chart.");
            return string.Join("\n", lines);
        }

        public static string CompareAnswer(string move, bool assumed, ModeComparison c, IReadOnlyList<Finding> findings)
        {
            var lines = new List<string> { $"<b>Isolated vs cross: {Html.Quote(move)}</b>" };
            if (assumed)
            {
                lines.Add($"No move given: your biggest position's coin moves 10% against it ({Html.Quote(move)}). Choose one with {CompareExample}.");
            }

            lines.Add(Sentence(c));
            lines.Add($"Cross: {Closed(c.Cross)} wallet left {Money(c.Cross.WalletLeft)}.");
            lines.Add($"Isolated (each position with the margin it uses now: {string.Join(", ", c.IsolatedMargins.Select(m => Money(m)))}): {Closed(c.Isolated)} wallet left {Money(c.Isolated.WalletLeft)}.");
            if (c.IsolatedMarginsExceedWallet)
            {
                lines.Add("Note: those isolated margins add up to more than the wallet, so the isolated book could not be opened as it stands.");
            }

            lines.Add(Model);
            AddFindings(lines, findings);
            lines.Add("The chart: equity against the price, cross and isolated, liquidations marked.");
            return string.Join("\n", lines);
        }

        /// <summary>"In cross this wick costs you $X of your $W wallet and also closes your BTC short; isolated would have capped it at $Y."</summary>
        public static string Sentence(ModeComparison c, string asset = "USDT")
        {
            string Money(decimal amount) => Texts.Money(amount, asset);

            var also = c.ClosedOnlyInCross;
            var closes = also.Count == 0
                ? string.Empty
                : " and also closes your " + string.Join(" and ", also.Select(p => Symbols.BaseAsset(p.Symbol) + " " + Words.Of(p.Side)));
            var isolated = c.Isolated.Cost < c.Cross.Cost
                ? $"isolated would have capped it at {Money(c.Isolated.Cost)}"
                : $"isolated would have cost {Money(c.Isolated.Cost)}: here isolated does not save you anything";
            return $"In cross this wick costs you <b>{Money(c.Cross.Cost)}</b> of your {Money(c.Cross.WalletBefore)} wallet{closes}; {isolated}.";
        }

        public static string IdleAnswer(AccountSummary account, IdleFundsExposure idle, IReadOnlyList<Finding> findings)
        {
            var lines = new List<string>
            {
                "<b>Idle funds</b>",
                $"Wallet {Money(account.WalletBalance)} · margin in use {Money(account.InitialMargin)} · idle {Money(idle.IdleFunds)}.",
            };
            if (idle.Effects.Count == 0)
            {
                lines.Add(idle.IdleFunds > 0
                    ? $"No cross position is open, so the idle {Money(idle.IdleFunds)} is not exposed: isolated positions cannot pull it in. Opening a cross position would make it liquidation fuel."
                    : "Nothing is idle, and no cross position is open.");
            }
            else
            {
                lines.Add(idle.ExposedToCross > 0
                    ? $"Under cross all {Money(idle.ExposedToCross)} of it is <b>liquidation fuel</b>: a cross liquidation can consume it before it triggers."
                    : "No idle funds: the cross positions already use the whole wallet.");
                foreach (var e in idle.Effects)
                {
                    var p = e.Position;
                    lines.Add($"• {p.Symbol} {Words.Of(p.Side)} (cross): " + Effect(p, e.LiquidationPriceWithIdle, e.LiquidationPriceWithoutIdle));
                }

                lines.Add("Further away is not safer money: it only means more of your wallet goes before the liquidation. Move unused funds out of the futures wallet, or fence trades in isolated.");
            }

            AddFindings(lines, findings);
            return string.Join("\n", lines);
        }

        public static string ChartTitle(string? symbol) =>
            symbol is null ? "Equity if every coin moves: cross vs isolated" : $"Equity as {Symbols.BaseAsset(symbol)} moves: cross vs isolated";

        public static string ChartPriceAxis(string symbol) => $"{symbol} mark price (USDT)";

        public static string ChartEquityAxis(string asset) => $"Account equity ({asset})";

        public static string MarkerLabel(IReadOnlyList<string> names) => string.Join(" + ", names) + " liquidated";

        public static void AddFindings(List<string> lines, IReadOnlyList<Finding> findings)
        {
            foreach (var finding in findings)
            {
                lines.Add((finding.Severity == Severity.Danger ? "🛑 " : finding.Severity == Severity.Info ? "ℹ️ " : "⚠️ ") + Html.Escape(WarningText.Describe(finding)));
            }
        }

        private static string Effect(Position p, decimal? with, decimal? without)
        {
            if (with is { } a && without is { } b)
            {
                var shift = Math.Abs(a - b);
                return $"liquidation ≈ {Price(a)} with the idle funds, {Price(b)} without: they move it {Input.Numbers.Format(shift)} ({Percent(b == 0 ? 0 : shift / b * 100m)}) further {(p.Side == Side.Long ? "down" : "up")}.";
            }

            return with is null && without is null
                ? "no positive price liquidates it, with or without the idle funds."
                : with is null
                    ? $"no positive price liquidates it with the idle funds; without them, {Price(without!.Value)}."
                    : $"liquidation ≈ {Price(with.Value)} with the idle funds; without them no positive price does.";
        }

        private static string Closed(ModeOutcome outcome) =>
            outcome.Liquidated.Count == 0
                ? "nothing liquidated;"
                : "liquidates " + string.Join(", ", outcome.Liquidated.Select(p => Symbols.BaseAsset(p.Symbol) + " " + Words.Of(p.Side))) + $" (loss {Money(outcome.TotalLoss)});";

        private static string Signed(decimal percent) => (percent > 0 ? "+" : string.Empty) + Input.Numbers.Format(percent);
    }
}
