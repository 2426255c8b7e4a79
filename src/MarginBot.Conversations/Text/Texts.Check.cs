using MarginBot.Conversations.Books;
using MarginBot.Conversations.Checklist;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Market;
using MarginBot.Engine.Contracts;

namespace MarginBot.Conversations.Text;

internal static partial class Texts
{
    /// <summary>The pre-trade checklist.</summary>
    public static class Check
    {
        public static string Intro(int questions) =>
            $"<b>Pre-trade checklist</b>\n{CountWord(questions)} short questions, then a summary card with the engine's numbers and a verdict. /back goes one step back, /cancel leaves.";
        public const string AskSymbol = "Which coin and side? Example: <code>eth long</code> or <code>btcusdt short</code>.";
        public const string AskLeverage = "Which leverage? Example: <code>5x</code> or <code>10</code>.";
        public const string AskMode = "Which margin mode will the order screen show: isolated or cross? Check it on the screen now: some apps remember the last setting. Not sure? Press \"Not sure\" for the article's decision tree.";
        public const string AskModeAfterTree = "So which margin mode will the order screen show? Press one (you can still pick the other).";
        public const string AskMaxLoss = "What is the most you accept to lose on this trade, in USDT? Example: <code>150</code>. Or skip (it will show as missing).";
        public const string AskHold = "How long do you plan to hold it? Example: <code>8h</code>, <code>3d</code>, <code>45m</code>. Or skip (fees and funding then show as missing).";
        public const string Cancelled = "Checklist cancelled; nothing was saved. /check starts a new one.";
        public const string FirstQuestion = "This is the first question; there is nothing before it. /cancel leaves the checklist.";
        public const string SymbolExample = "a listed coin and a side, such as eth long or btcusdt short";
        public const string EntryExample = "the entry price as a positive number, such as 3000, 3,000 or 3k";
        public const string LeverageExample = "a leverage from 1x to 200x, such as 5x or 10";
        public const string HoldExample = "a holding time such as 8h, 3d, 45m or 2 days";
        public const string ModeExample = "isolated or cross (or \"not sure\" for the article's decision tree)";
        public const string WalletExample = "your futures wallet balance in USDT, 0 or more, such as 1000";
        public const string MaxLossExample = "an amount in USDT such as 150, or skip";
        public const string UseSummaryButtons = "Use the buttons: save the position, edit an item or cancel.";
        public const string PickAnItem = "Which item do you want to change?";
        public const string AlreadyIsolated = "The position is already isolated.";

        public const string LongLabel = "Long";
        public const string ShortLabel = "Short";
        public const string IsolatedLabel = "Isolated";
        public const string CrossLabel = "Cross";
        public const string NotSureLabel = "Not sure";
        public const string IsolatedRecommendedLabel = "Isolated (recommended)";
        public const string CrossAcceptableLabel = "Cross (start small)";
        public const string SkipLabel = "Skip";
        public const string UseMarkLabel = "Use the mark";
        public const string SaveLabel = "Save the position";
        public const string CompareLabel = "Switch to isolated and compare";
        public const string EditLabel = "Edit an item";
        public const string CancelLabel = "Cancel";
        public const string BackToSummaryLabel = "Back to the summary";

        public const string ItemSymbol = "Coin and side";
        public const string ItemEntry = "Entry";
        public const string ItemSize = "Size";
        public const string ItemLeverage = "Leverage";
        public const string ItemMode = "Margin mode";
        public const string ItemWallet = "Wallet";
        public const string ItemMaxLoss = "Max loss";
        public const string ItemStop = "Stop-loss";
        public const string ItemHold = "Holding time";

        // The number of questions in words, as the intro says it.
        private static string CountWord(int count) => count switch
        {
            5 => "Five", 6 => "Six", 7 => "Seven", 8 => "Eight", 9 => "Nine", 10 => "Ten", 11 => "Eleven", 12 => "Twelve",
            _ => count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        public static string Invalid(InputProblem problem) =>
            $"I could not use that as the {Html.Quote(problem.Field)}: expected {Html.Escape(Expecting(problem))}. Nothing was lost; try again.";

        public static string AskSide(string symbol) => $"{symbol}: long or short?";

        public static string AskEntry(string symbol, Side side, bool live) =>
            $"{symbol} {Words.Of(side)}. At what entry price? Example: <code>3000</code> or <code>3k</code>."
            + (live ? " Or press \"Use the mark\" (or type <code>mark</code>) to enter at the exchange's mark price." : string.Empty);

        /// <summary>"Entry: mark 60,123.4 on Binance, 8 s ago." before the next question.</summary>
        public static string EntryFromMark(MarketAnswer<MarkPrice> mark, DateTimeOffset now) =>
            $"Entry: {Texts.Market.Mark(mark, now)}. A market order fills near it, not exactly at it.";

        public static string AskSize(string symbol, decimal entry)
        {
            var coin = Symbols.BaseAsset(symbol);
            return $"How big? As a quantity (<code>2</code> or <code>2 {coin.ToLowerInvariant()}</code>) or as a notional in USDT (<code>$6000</code> or <code>6000 usdt</code>). Entry {Price(entry)}.";
        }

        public static string SizeExample(string coin) => $"a quantity such as 2 or 2 {coin}, or a notional such as $6000 or 6000 usdt";

        public static string AskWallet(decimal margin) =>
            $"How much is in your futures wallet now, in USDT, including what you do not plan to use? The trade needs {Money(margin)} of margin; the rest is idle funds.";

        public static string UseMyWallet(decimal wallet) => $"Use my wallet ({Money(wallet)})";

        public static string WalletBelowMargin(decimal margin) => $"at least the position's margin, {Money(margin)}: with less the order cannot open";

        public static string AskStop(Side side, decimal entry) =>
            $"Where is your stop-loss? Set it before entry, not after panic. Example: <code>{StopHint(side, entry)}</code>. Or skip (it will show as missing).";

        public static string StopExample(Side side, decimal entry) => $"a stop price such as {StopHint(side, entry)}, or skip";

        public static string StopWrongSide(Side side, decimal entry) =>
            $"a stop {(side == Side.Long ? "below" : "above")} the entry {Price(entry)} for a {Words.Of(side)}, such as {StopHint(side, entry)}";

        public static string CannotSave(InputProblem problem) =>
            $"I cannot save it to your book: {Html.Escape(FieldName(problem.Field))} should be {Html.Escape(Expecting(problem))}. Edit an item or /cancel.";

        public static string Saved(Position position, int count, decimal wallet) =>
            $"Saved as position {count}: {position.Symbol} {Words.Of(position.Side)} {Qty(position.Quantity)} @ {Price(position.EntryPrice)}, {Input.Numbers.Format(position.Leverage)}x {Words.Of(position.Mode)}. Wallet set to {Money(wallet)}. /positions shows your book.";

        public static string Summary(CheckSummary s, Portfolio.MarkSource? entryMark, DateTimeOffset now)
        {
            var p = s.Position;
            var report = s.Report;
            var lines = new List<string>
            {
                $"<b>Pre-trade check: {p.Symbol} {Words.Of(p.Side)}</b>",
                $"Entry {Price(p.EntryPrice)} · {Qty(p.Quantity)} {Symbols.BaseAsset(p.Symbol)} ({Money(p.EntryNotional)}) · {Input.Numbers.Format(p.Leverage)}x {Words.Of(p.Mode)} · {s.ExchangeName}",
                $"Margin {Money(p.PositionMargin)} · wallet {Money(s.Wallet)} · idle funds {Money(s.Account.IdleFunds)}",
            };
            if (entryMark is not null)
            {
                lines.Add($"Entry from the {Texts.Market.StoredMark(p.Symbol, p.EntryPrice, entryMark, now)}.");
            }

            lines.AddRange(
            [
                string.Empty,
                LiquidationLine(p, report.LiquidationPrice, report.DistanceToLiquidationPct, s.ExchangeName),
                s.LossAtStop is { } loss ? $"<b>Loss at the stop {Price(s.Stop!.Value)}:</b> {Money(loss)}, fees included." : "<b>Loss at the stop:</b> no stop given.",
                p.Mode == Engine.Contracts.MarginMode.Isolated
                    ? $"<b>Max loss under isolated:</b> {Money(s.MaxLossUnderMode)}, the position's margin; the rest of the wallet is not pulled in."
                    : $"<b>Max loss under cross:</b> up to the whole wallet, {Money(s.MaxLossUnderMode)}: the idle {Money(s.Account.IdleFunds)} is liquidation fuel.",
                CostsLine(s),
                string.Empty,
                "<b>Checklist</b>",
            ]);
            lines.AddRange(s.Items.Select(i => ItemLine(i, s)));
            foreach (var danger in s.Dangers)
            {
                lines.Add("🛑 " + Html.Escape(WarningText.Describe(danger)));
            }

            lines.Add(string.Empty);
            lines.Add(s.Verdict switch
            {
                Verdict.Ready => "<b>Verdict: ready.</b> Every item is done. Confirm the margin mode on the order screen once more.",
                Verdict.Careful => "<b>Verdict: careful.</b> " + (s.Items.Any(i => i.Status == ItemStatus.Missing)
                    ? "Some items are missing; fill them in (Edit an item) before you enter."
                    : "Weigh the warnings above before you enter."),
                _ => "<b>Verdict: don't enter as planned.</b> A danger stands; change the plan first.",
            });
            return string.Join("\n", lines);
        }

        public static string Comparison(CheckSummary cross, CheckSummary isolated)
        {
            string Lp(CheckSummary s) => s.Report.LiquidationPrice is { } lp ? Price(lp) : "none";
            return $"""
                <b>Cross vs isolated for this trade</b>
                Cross: liquidation ≈ {Lp(cross)}, max loss up to {Money(cross.MaxLossUnderMode)} (the whole wallet).
                Isolated: liquidation ≈ {Lp(isolated)}, max loss {Money(isolated.MaxLossUnderMode)} (the margin).
                Cross sits further from liquidation only because it can spend the whole wallet. Switched to isolated; here is the new card.
                """;
        }

        private static string LiquidationLine(Position p, decimal? lp, decimal? distance, string exchange) =>
            lp is { } price && distance is { } d
                ? $"<b>Estimated liquidation price:</b> {Price(price)}, {Percent(Math.Abs(d))} {(p.Side == Side.Long ? "below" : "above")} the entry. An estimate from {exchange}'s published rules; exchanges' rules differ, so check yours."
                : "<b>Estimated liquidation price:</b> none: the margin covers a move all the way. Exchanges' rules differ, so check yours.";

        private static string CostsLine(CheckSummary s)
        {
            var rate = Percent(s.FundingRate * 100m);
            if (s.HoldHours is not { } hours || s.Funding is not { } funding)
            {
                return $"<b>Fees:</b> {Money(s.TradingFees)} to open and close at the taker rate; funding unknown without a holding time.";
            }

            var fundingWord = funding >= 0 ? $"funding {Money(funding)} paid" : $"funding {Money(-funding)} received";
            return $"<b>Fees and funding over {Input.Numbers.Format(hours)}h:</b> fees {Money(s.TradingFees)} + {fundingWord} ({s.FundingIntervals} × {s.FundingIntervalHours}h at an assumed {rate} per {s.FundingIntervalHours}h) = {Money(s.TradingFees + funding)}.";
        }

        private static string ItemLine(ItemResult item, CheckSummary s)
        {
            var icon = item.Status switch
            {
                ItemStatus.Done => "✅",
                ItemStatus.Warning => "⚠️",
                ItemStatus.Missing => "❌",
                _ => "🛑",
            };
            var word = item.Status switch
            {
                ItemStatus.Done => "done",
                ItemStatus.Warning => "warning",
                ItemStatus.Missing => "missing",
                _ => "danger",
            };
            var p = s.Position;
            var text = item.Item switch
            {
                CheckItem.MarginMode => $"Margin mode: {Words.Of(p.Mode)}, confirmed.",
                CheckItem.MaxLoss => item.Status switch
                {
                    ItemStatus.Missing => "Max loss in money: not given.",
                    ItemStatus.Done => $"Max loss in money: {Money(s.MaxLoss!.Value)}; {(s.LossAtStop is { } l ? "the stop loses " + Money(l) : "the mode caps the loss at " + Money(s.MaxLossUnderMode))}.",
                    _ => item.Reason == "no-stop"
                        ? $"Max loss in money: {Money(s.MaxLoss!.Value)}, but without a stop you can lose up to {Money(s.MaxLossUnderMode)}."
                        : $"Max loss in money: {Money(s.MaxLoss!.Value)}, but the stop loses {Money(s.LossAtStop!.Value)}: cut the size or move the stop.",
                },
                CheckItem.LiquidationPrice => item.Status == ItemStatus.Done
                    ? "Liquidation price checked, and treated as an estimate."
                    : "Liquidation price: no tier table is known for this coin, so a conservative default was used; check the exchange's figure.",
                CheckItem.FeesAndFunding => item.Status switch
                {
                    ItemStatus.Missing => "Fees and funding: holding time not given.",
                    ItemStatus.Done => "Fees and funding accounted for.",
                    _ => "Fees and funding: more than 10% of the margin; high leverage makes costs weigh more.",
                },
                CheckItem.StopLoss => item.Reason switch
                {
                    "wrong-side" => "Stop-loss: on the wrong side of the entry.",
                    "beyond-liquidation" => "Stop-loss: at or beyond the liquidation price: liquidation comes first. Lower the leverage or move the stop.",
                    "near-liquidation" => "Stop-loss: close to the liquidation price (more than 80% of the way); a wick can liquidate before it fills.",
                    _ => item.Status == ItemStatus.Missing ? "Stop-loss: not set." : "Stop-loss set before entry, before the liquidation price.",
                },
                _ => item.Reason == "wallet-short"
                    ? "Idle funds: the wallet holds less than the margin; the order cannot open."
                    : p.Mode == Engine.Contracts.MarginMode.Isolated
                        ? $"Idle funds: {Money(s.Account.IdleFunds)} not pulled into this trade (isolated)."
                        : item.Status == ItemStatus.Warning
                            ? $"Idle funds: {Money(s.Account.IdleFunds)} sits in the futures wallet under cross: liquidation fuel. Move it out or use isolated."
                            : "Idle funds: none left in the wallet under cross.",
            };
            return $"{icon} {word}: {text}";
        }

        private static string StopHint(Side side, decimal entry) => Price(side == Side.Long ? entry * 0.95m : entry * 1.05m);
    }
}
