using MarginBot.Engine.Contracts;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Warnings;

namespace MarginBot.Engine.Accounts;

/// <summary>
/// Every position's liquidation price, margin and PnL, and the account's totals, for a book.
/// Account totals are computed once and each cross position subtracts its own share, so a book of
/// n positions costs O(n) tier look-ups, not O(n²).
/// </summary>
public static class BookAnalyzer
{
    /// <summary>Analyzes <paramref name="book"/> at its mark prices.</summary>
    public static BookReport Analyze(Book book)
    {
        var state = AccountState.Of(book);
        var count = state.Priced.Length;
        var reports = new PositionReport[count];
        decimal maintenanceTotal = 0m, initialTotal = 0m;
        for (var i = 0; i < count; i++)
        {
            var report = ReportOne(book, state, i);
            reports[i] = report;
            maintenanceTotal += report.MaintenanceMargin;
            initialTotal += report.InitialMargin;
        }

        var crossBalance = state.CrossWallet + state.CrossPnl;
        // At or past liquidation the ratio is reported as 1 (100%): the division would overflow as
        // the balance nears zero, and nothing beyond "liquidated" is worth a bigger number.
        var marginRatio = state.CrossCount == 0 ? 0m
            : crossBalance > state.CrossRequirement ? state.CrossRequirement / crossBalance
            : 1m;
        var account = new AccountSummary(
            book.WalletBalance,
            state.CrossWallet,
            book.WalletBalance + state.Pnl.Sum(),
            maintenanceTotal,
            marginRatio,
            initialTotal,
            Math.Max(0m, book.WalletBalance - initialTotal),
            crossBalance,
            state.CrossRequirement);
        return new BookReport(book.Exchange, book.EffectiveFees, account, reports, BookFindings.Detect(book, account, reports));
    }

    /// <summary>
    /// Only the liquidation price of every position, in the book's order: the part of
    /// <see cref="Analyze"/> that what-if walks and alerts repeat many times.
    /// </summary>
    public static LiquidationResult[] LiquidationPrices(Book book)
    {
        var state = AccountState.Of(book);
        var results = new LiquidationResult[state.Priced.Length];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = state.Liquidation(book, i);
        }

        return results;
    }

    private static PositionReport ReportOne(Book book, AccountState state, int i)
    {
        var member = state.Priced[i];
        var position = member.Position;
        var fees = book.EffectiveFees;
        var liquidation = state.Liquidation(book, i);
        decimal? bankruptcy;
        decimal initialMargin;
        if (position.Mode == MarginMode.Isolated)
        {
            initialMargin = position.PositionMargin;
            bankruptcy = BinanceLiquidation.Bankruptcy([member], initialMargin);
        }
        else
        {
            initialMargin = member.NotionalAt(member.Mark) / position.Leverage;
            var partner = state.Partner[i];
            ReadOnlySpan<PricedPosition> group = partner < 0 ? [member] : [member, state.Priced[partner]];
            var otherPnl = state.CrossPnl - state.Pnl[i] - (partner < 0 ? 0m : state.Pnl[partner]);
            bankruptcy = BinanceLiquidation.Bankruptcy(group, state.CrossWallet + otherPnl);
        }

        var pnl = state.Pnl;
        var (maintenance, tier) = MarginRules.MaintenanceNow(book.Exchange, member);
        return new PositionReport
        {
            Position = position,
            MarkPrice = member.Mark,
            Notional = member.NotionalAt(member.Mark),
            InitialMargin = initialMargin,
            UnrealizedPnl = pnl[i],
            RoePct = initialMargin > 0 ? pnl[i] / initialMargin * 100m : 0m,
            Liquidation = liquidation,
            BankruptcyPrice = bankruptcy,
            MaintenanceMargin = maintenance,
            Tier = tier,
            Tiers = member.Tiers,
            EntryFee = position.EntryNotional * fees.Taker,
            ExitFee = member.NotionalAt(member.Mark) * fees.Taker,
            DistanceToLiquidationPct = liquidation.Price is { } lp ? state.DangerSign(i, lp) * (member.Mark - lp) * 100m / member.Mark : null,
        };
    }

    /// <summary>The account totals, computed once; each cross position subtracts its own share.</summary>
    private sealed class AccountState
    {
        public required PricedPosition[] Priced { get; init; }

        public required decimal[] Requirement { get; init; }

        public required decimal[] Pnl { get; init; }

        public required int[] Partner { get; init; }

        public required decimal CrossWallet { get; init; }

        public required decimal CrossRequirement { get; init; }

        public required decimal CrossPnl { get; init; }

        public required int CrossCount { get; init; }

        public static AccountState Of(Book book)
        {
            ArgumentNullException.ThrowIfNull(book);
            var exchange = book.Exchange;
            var fees = book.EffectiveFees;
            var positions = book.Positions;
            var count = positions.Count;
            var priced = new PricedPosition[count];
            var requirement = new decimal[count];
            var pnl = new decimal[count];
            var partner = new int[count];
            var firstBySymbol = new Dictionary<string, int>(count, StringComparer.Ordinal);
            decimal isolatedMargins = 0m, crossRequirement = 0m, crossPnl = 0m;
            var crossCount = 0;
            for (var i = 0; i < count; i++)
            {
                var position = positions[i];
                priced[i] = new PricedPosition(position, book.TiersOf(position.Symbol), book.MarkOf(position));
                pnl[i] = priced[i].PnlAt(priced[i].Mark);
                partner[i] = -1;
                if (position.Mode == MarginMode.Isolated)
                {
                    isolatedMargins += position.PositionMargin;
                    continue;
                }

                crossCount++;
                requirement[i] = MarginRules.Requirement(exchange, fees, priced[i], priced[i].Mark);
                crossRequirement += requirement[i];
                crossPnl += pnl[i];

                // Cross positions of one symbol (a hedge-mode long and short) share one price.
                if (firstBySymbol.TryGetValue(position.Symbol, out var other))
                {
                    partner[i] = other;
                    partner[other] = i;
                }
                else
                {
                    firstBySymbol[position.Symbol] = i;
                }
            }

            return new AccountState
            {
                Priced = priced,
                Requirement = requirement,
                Pnl = pnl,
                Partner = partner,
                CrossWallet = book.WalletBalance - isolatedMargins,
                CrossRequirement = crossRequirement,
                CrossPnl = crossPnl,
                CrossCount = crossCount,
            };
        }

        /// <summary>
        /// +1 when a falling price takes position <paramref name="i"/> toward <paramref name="liquidationPrice"/>,
        /// −1 when a rising one does. A position alone follows its side. A hedge-mode long and short
        /// in cross share one price, reached the way the account's surplus falls: their net
        /// exposure less the growth of their requirement with the price (a nearly hedged pair with
        /// a large gross size dies on a rise even when slightly net long). That price lies ahead
        /// while the cross account covers its requirement and behind once it does not.
        /// </summary>
        public int DangerSign(int i, decimal liquidationPrice)
        {
            if (Partner[i] < 0)
            {
                return Priced[i].Position.Side.Sign();
            }

            var covered = CrossWallet + CrossPnl > CrossRequirement;
            return covered == (liquidationPrice < Priced[i].Mark) ? 1 : -1;
        }

        public LiquidationResult Liquidation(Book book, int i)
        {
            var member = Priced[i];
            if (member.Position.Mode == MarginMode.Isolated)
            {
                return MarginRules.Isolated(book.Exchange, book.EffectiveFees, member, member.Position.PositionMargin);
            }

            var partner = Partner[i];
            ReadOnlySpan<PricedPosition> group = partner < 0 ? [member] : [member, Priced[partner]];
            var groupRequirement = Requirement[i] + (partner < 0 ? 0m : Requirement[partner]);
            var groupPnl = Pnl[i] + (partner < 0 ? 0m : Pnl[partner]);
            var collateral = CrossWallet - (CrossRequirement - groupRequirement) + (CrossPnl - groupPnl);
            return MarginRules.Cross(book.Exchange, book.EffectiveFees, group, collateral);
        }
    }
}
