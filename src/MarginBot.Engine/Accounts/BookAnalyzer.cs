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

        decimal isolatedMargins = 0m, crossRequirement = 0m, crossPnl = 0m, crossCount = 0m;
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

        var crossWallet = book.WalletBalance - isolatedMargins;
        var reports = new PositionReport[count];
        decimal maintenanceTotal = 0m, initialTotal = 0m;
        for (var i = 0; i < count; i++)
        {
            var report = ReportOne(book, priced, requirement, pnl, partner, i, crossWallet, crossRequirement, crossPnl);
            reports[i] = report;
            maintenanceTotal += report.MaintenanceMargin;
            initialTotal += report.InitialMargin;
        }

        var crossBalance = crossWallet + crossPnl;
        var marginRatio = crossCount == 0 ? 0m
            : crossBalance > 0 ? crossRequirement / crossBalance
            : 1m;
        var account = new AccountSummary(
            book.WalletBalance,
            crossWallet,
            book.WalletBalance + pnl.Sum(),
            maintenanceTotal,
            marginRatio,
            initialTotal,
            Math.Max(0m, book.WalletBalance - initialTotal),
            crossBalance,
            crossRequirement);
        return new BookReport(exchange, fees, account, reports, BookFindings.Detect(book, account, reports));
    }

    private static PositionReport ReportOne(
        Book book,
        PricedPosition[] priced,
        decimal[] requirement,
        decimal[] pnl,
        int[] partner,
        int i,
        decimal crossWallet,
        decimal crossRequirement,
        decimal crossPnl)
    {
        var member = priced[i];
        var position = member.Position;
        var fees = book.EffectiveFees;
        LiquidationResult liquidation;
        decimal? bankruptcy;
        decimal initialMargin;
        if (position.Mode == MarginMode.Isolated)
        {
            initialMargin = position.PositionMargin;
            liquidation = MarginRules.Isolated(book.Exchange, fees, member, initialMargin);
            bankruptcy = BinanceLiquidation.Bankruptcy([member], initialMargin);
        }
        else
        {
            initialMargin = member.NotionalAt(member.Mark) / position.Leverage;
            ReadOnlySpan<PricedPosition> group = partner[i] < 0 ? [member] : [member, priced[partner[i]]];
            var groupRequirement = requirement[i] + (partner[i] < 0 ? 0m : requirement[partner[i]]);
            var groupPnl = pnl[i] + (partner[i] < 0 ? 0m : pnl[partner[i]]);
            var otherPnl = crossPnl - groupPnl;
            var collateral = crossWallet - (crossRequirement - groupRequirement) + otherPnl;
            liquidation = MarginRules.Cross(book.Exchange, fees, group, collateral);
            bankruptcy = BinanceLiquidation.Bankruptcy(group, crossWallet + otherPnl);
        }

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
        };
    }
}
