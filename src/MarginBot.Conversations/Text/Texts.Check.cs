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
        public static string AskSymbol => Say("check.ask.symbol");

        public static string AskLeverage => Say("check.ask.leverage");

        public static string AskMode => Say("check.ask.mode");

        public static string AskModeAfterTree => Say("check.ask.mode.after-tree");

        public static string AskMaxLoss => Say("check.ask.max-loss");

        public static string AskHold => Say("check.ask.hold");

        public static string Cancelled => Say("check.cancelled");

        public static string FirstQuestion => Say("check.first-question");

        public static string SymbolExample => Say("check.example.symbol");

        public static string EntryExample => Say("check.example.entry");

        public static string LeverageExample => Say("check.example.leverage");

        public static string HoldExample => Say("check.example.hold");

        public static string ModeExample => Say("check.example.mode");

        public static string WalletExample => Say("check.example.wallet");

        public static string MaxLossExample => Say("check.example.max-loss");

        public static string UseSummaryButtons => Say("check.use-summary-buttons");

        public static string PickAnItem => Say("check.pick-an-item");

        public static string AlreadyIsolated => Say("check.already-isolated");

        public static string LongLabel => Say("check.button.long");

        public static string ShortLabel => Say("check.button.short");

        public static string IsolatedLabel => Say("check.button.isolated");

        public static string CrossLabel => Say("check.button.cross");

        public static string NotSureLabel => Say("check.button.not-sure");

        public static string IsolatedRecommendedLabel => Say("check.button.isolated-recommended");

        public static string CrossAcceptableLabel => Say("check.button.cross-acceptable");

        public static string SkipLabel => Say("check.button.skip");

        public static string UseMarkLabel => Say("check.button.use-mark");

        public static string SaveLabel => Say("check.button.save");

        public static string CompareLabel => Say("check.button.compare");

        public static string EditLabel => Say("check.button.edit");

        public static string CancelLabel => Say("check.button.cancel");

        public static string BackToSummaryLabel => Say("check.button.back-to-summary");

        public static string ItemSymbol => Say("check.item.symbol");

        public static string ItemEntry => Say("check.item.entry");

        public static string ItemSize => Say("check.item.size");

        public static string ItemLeverage => Say("check.item.leverage");

        public static string ItemMode => Say("check.item.mode");

        public static string ItemWallet => Say("check.item.wallet");

        public static string ItemMaxLoss => Say("check.item.max-loss");

        public static string ItemStop => Say("check.item.stop");

        public static string ItemHold => Say("check.item.hold");

        public static string Intro(int questions) => Say("check.intro", ("count", CountWord(questions)));

        public static string Invalid(InputProblem problem) =>
            Say("check.invalid", ("field", Html.Quote(problem.Field)), ("expected", Html.Escape(Expecting(problem))));

        public static string AskSide(string symbol) => Say("check.ask.side", ("symbol", symbol));

        public static string AskEntry(string symbol, Side side, bool live) =>
            live
                ? Say("check.ask.entry.live", ("symbol", symbol), ("side", Words.Of(side)))
                : Say("check.ask.entry", ("symbol", symbol), ("side", Words.Of(side)));

        /// <summary>"Entry: mark 60,123.4 on Binance, 8 s ago." before the next question.</summary>
        public static string EntryFromMark(MarketAnswer<MarkPrice> mark, DateTimeOffset now) =>
            Say("check.entry-from-mark", ("mark", Texts.Market.Mark(mark, now)));

        public static string AskSize(string symbol, decimal entry) =>
            Say("check.ask.size", ("coin", Symbols.BaseAsset(symbol).ToLowerInvariant()), ("entry", Price(entry)));

        public static string SizeExample(string coin) => Say("check.example.size", ("coin", coin));

        public static string AskWallet(decimal margin) => Say("check.ask.wallet", ("margin", Money(margin)));

        public static string UseMyWallet(decimal wallet) => Say("check.button.use-my-wallet", ("wallet", Money(wallet)));

        public static string WalletBelowMargin(decimal margin) => Say("check.example.wallet.below-margin", ("margin", Money(margin)));

        public static string AskStop(Side side, decimal entry) => Say("check.ask.stop", ("stop", StopHint(side, entry)));

        public static string StopExample(Side side, decimal entry) => Say("check.example.stop", ("stop", StopHint(side, entry)));

        public static string StopWrongSide(Side side, decimal entry)
        {
            (string, object?)[] values = [("entry", Price(entry)), ("side", Words.Of(side)), ("stop", StopHint(side, entry))];
            return side == Side.Long ? Say("check.example.stop.wrong-side.below", values) : Say("check.example.stop.wrong-side.above", values);
        }

        public static string CannotSave(InputProblem problem) =>
            Say("check.cannot-save", ("field", Html.Escape(FieldName(problem.Field))), ("expected", Html.Escape(Expecting(problem))));

        public static string Saved(Position position, int count, decimal wallet) =>
            Say(
                "check.saved",
                ("number", count),
                ("symbol", position.Symbol),
                ("side", Words.Of(position.Side)),
                ("quantity", Qty(position.Quantity)),
                ("entry", Price(position.EntryPrice)),
                ("leverage", Input.Numbers.Format(position.Leverage)),
                ("mode", Words.Of(position.Mode)),
                ("wallet", Money(wallet)));

        public static string Summary(CheckSummary s, Portfolio.MarkSource? entryMark, DateTimeOffset now)
        {
            var p = s.Position;
            var report = s.Report;
            var lines = new List<string>
            {
                Say("check.summary.title", ("symbol", p.Symbol), ("side", Words.Of(p.Side))),
                Say(
                    "check.summary.position",
                    ("entry", Price(p.EntryPrice)),
                    ("quantity", Qty(p.Quantity)),
                    ("coin", Symbols.BaseAsset(p.Symbol)),
                    ("notional", Money(p.EntryNotional)),
                    ("leverage", Input.Numbers.Format(p.Leverage)),
                    ("mode", Words.Of(p.Mode)),
                    ("exchange", s.ExchangeName)),
                Say("check.summary.margin", ("margin", Money(p.PositionMargin)), ("wallet", Money(s.Wallet)), ("idle", Money(s.Account.IdleFunds))),
            };
            if (entryMark is not null)
            {
                lines.Add(Say("check.summary.entry-from-mark", ("mark", Texts.Market.StoredMark(p.Symbol, p.EntryPrice, entryMark, now))));
            }

            lines.AddRange(
            [
                string.Empty,
                LiquidationLine(p, report.LiquidationPrice, report.DistanceToLiquidationPct, s.ExchangeName),
                s.LossAtStop is { } loss
                    ? Say("check.summary.loss-at-stop", ("stop", Price(s.Stop!.Value)), ("loss", Money(loss)))
                    : Say("check.summary.loss-at-stop.no-stop"),
                p.Mode == Engine.Contracts.MarginMode.Isolated
                    ? Say("check.summary.max-loss.isolated", ("maxLoss", Money(s.MaxLossUnderMode)))
                    : Say("check.summary.max-loss.cross", ("maxLoss", Money(s.MaxLossUnderMode)), ("idle", Money(s.Account.IdleFunds))),
                CostsLine(s),
                string.Empty,
                Say("check.summary.checklist"),
            ]);
            lines.AddRange(s.Items.Select(i => ItemLine(i, s)));
            foreach (var danger in s.Dangers)
            {
                lines.Add("🛑 " + Html.Escape(WarningText.Describe(danger)));
            }

            lines.Add(string.Empty);
            lines.Add(s.Verdict switch
            {
                Verdict.Ready => Say("check.summary.verdict.ready"),
                Verdict.Careful => s.Items.Any(i => i.Status == ItemStatus.Missing)
                    ? Say("check.summary.verdict.careful.missing")
                    : Say("check.summary.verdict.careful.warnings"),
                _ => Say("check.summary.verdict.do-not"),
            });
            return string.Join("\n", lines);
        }

        public static string Comparison(CheckSummary cross, CheckSummary isolated)
        {
            string Lp(CheckSummary s) => s.Report.LiquidationPrice is { } lp ? Price(lp) : Say("check.comparison.no-liquidation");
            return Say(
                "check.comparison",
                ("crossLiquidation", Lp(cross)),
                ("crossMaxLoss", Money(cross.MaxLossUnderMode)),
                ("isolatedLiquidation", Lp(isolated)),
                ("isolatedMaxLoss", Money(isolated.MaxLossUnderMode)));
        }

        // The number of questions in words, as the intro says it.
        private static string CountWord(int count) => count switch
        {
            5 => Say("check.intro.count.five"),
            6 => Say("check.intro.count.six"),
            7 => Say("check.intro.count.seven"),
            8 => Say("check.intro.count.eight"),
            9 => Say("check.intro.count.nine"),
            10 => Say("check.intro.count.ten"),
            11 => Say("check.intro.count.eleven"),
            12 => Say("check.intro.count.twelve"),
            _ => count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        private static string LiquidationLine(Position p, decimal? lp, decimal? distance, string exchange)
        {
            if (lp is not { } price || distance is not { } d)
            {
                return Say("check.summary.no-liquidation");
            }

            (string, object?)[] values = [("liquidation", Price(price)), ("distance", Percent(Math.Abs(d))), ("exchange", exchange)];
            return p.Side == Side.Long ? Say("check.summary.liquidation.below", values) : Say("check.summary.liquidation.above", values);
        }

        private static string CostsLine(CheckSummary s)
        {
            if (s.HoldHours is not { } hours || s.Funding is not { } funding)
            {
                return Say("check.summary.costs.no-hold", ("fees", Money(s.TradingFees)));
            }

            (string, object?)[] values =
            [
                ("hours", Input.Numbers.Format(hours)), ("fees", Money(s.TradingFees)), ("funding", Money(funding >= 0 ? funding : -funding)), ("intervals", s.FundingIntervals),
                ("every", s.FundingIntervalHours), ("rate", Percent(s.FundingRate * 100m)), ("total", Money(s.TradingFees + funding)),
            ];
            return funding >= 0 ? Say("check.summary.costs.funding-paid", values) : Say("check.summary.costs.funding-received", values);
        }

        private static string ItemLine(ItemResult item, CheckSummary s)
        {
            var text = ItemText(item, s);
            return item.Status switch
            {
                ItemStatus.Done => Say("check.summary.status.done", ("item", text)),
                ItemStatus.Warning => Say("check.summary.status.warning", ("item", text)),
                ItemStatus.Missing => Say("check.summary.status.missing", ("item", text)),
                _ => Say("check.summary.status.danger", ("item", text)),
            };
        }

        private static string ItemText(ItemResult item, CheckSummary s)
        {
            var p = s.Position;
            return item.Item switch
            {
                CheckItem.MarginMode => Say("check.summary.item.margin-mode", ("mode", Words.Of(p.Mode))),
                CheckItem.MaxLoss => item.Status switch
                {
                    ItemStatus.Missing => Say("check.summary.item.max-loss.missing"),
                    ItemStatus.Done => s.LossAtStop is { } l
                        ? Say("check.summary.item.max-loss.done", ("maxLoss", Money(s.MaxLoss!.Value)), ("loss", Money(l)))
                        : Say("check.summary.item.max-loss.done.mode-cap", ("maxLoss", Money(s.MaxLoss!.Value)), ("cap", Money(s.MaxLossUnderMode))),
                    _ => item.Reason == "no-stop"
                        ? Say("check.summary.item.max-loss.no-stop", ("maxLoss", Money(s.MaxLoss!.Value)), ("cap", Money(s.MaxLossUnderMode)))
                        : Say("check.summary.item.max-loss.above", ("maxLoss", Money(s.MaxLoss!.Value)), ("loss", Money(s.LossAtStop!.Value))),
                },
                CheckItem.LiquidationPrice => item.Status == ItemStatus.Done
                    ? Say("check.summary.item.liquidation.done")
                    : Say("check.summary.item.liquidation.default-tiers"),
                CheckItem.FeesAndFunding => item.Status switch
                {
                    ItemStatus.Missing => Say("check.summary.item.costs.missing"),
                    ItemStatus.Done => Say("check.summary.item.costs.done"),
                    _ => Say("check.summary.item.costs.high"),
                },
                CheckItem.StopLoss => item.Reason switch
                {
                    "wrong-side" => Say("check.summary.item.stop.wrong-side"),
                    "beyond-liquidation" => Say("check.summary.item.stop.beyond-liquidation"),
                    "near-liquidation" => Say("check.summary.item.stop.near-liquidation"),
                    _ => item.Status == ItemStatus.Missing ? Say("check.summary.item.stop.missing") : Say("check.summary.item.stop.done"),
                },
                _ => item.Reason == "wallet-short"
                    ? Say("check.summary.item.idle.wallet-short")
                    : p.Mode == Engine.Contracts.MarginMode.Isolated
                        ? Say("check.summary.item.idle.isolated", ("idle", Money(s.Account.IdleFunds)))
                        : item.Status == ItemStatus.Warning
                            ? Say("check.summary.item.idle.cross", ("idle", Money(s.Account.IdleFunds)))
                            : Say("check.summary.item.idle.cross.none"),
            };
        }

        private static string StopHint(Side side, decimal entry) => Price(side == Side.Long ? entry * 0.95m : entry * 1.05m);
    }
}
