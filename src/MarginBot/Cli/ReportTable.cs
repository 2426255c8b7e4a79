using System.Globalization;
using System.Text;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Warnings;

namespace MarginBot.Cli;

/// <summary>The human answer: aligned columns with units.</summary>
internal static class ReportTable
{
    private static readonly string[] PositionHeader = ["Symbol", "Side", "Mode", "Lev", "Qty", "Entry", "Mark", "Notional", "Liq. price", "Distance", "Maint. margin", "Tier", "uPnL"];
    private static readonly bool[] AccountAlignment = [false, true];
    private static readonly bool[] PositionAlignment = [false, false, false, true, true, true, true, true, true, true, true, false, true];

    public static string Write(BookReport report, string marginAsset, IEnumerable<Finding> extraFindings, IEnumerable<string> notes)
    {
        var a = report.Account;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{report.Exchange.Name} · {marginAsset} futures wallet · taker {Pct(report.Fees.Taker * 100m)}, maker {Pct(report.Fees.Maker * 100m)}"));
        text.AppendLine();
        var account = new List<string[]>
        {
            new[] { "Wallet", Money(a.WalletBalance, marginAsset) },
            new[] { "Cross wallet", Money(a.CrossWalletBalance, marginAsset) },
            new[] { "Equity", Money(a.Equity, marginAsset) },
            new[] { "Initial margin in use", Money(a.InitialMargin, marginAsset) },
            new[] { "Idle funds", Money(a.IdleFunds, marginAsset) },
            new[] { "Maintenance margin", Money(a.MaintenanceMargin, marginAsset) },
            new[] { "Margin ratio (100% = liquidation)", Pct(a.MarginRatio * 100m) },
        };
        AppendColumns(text, account, AccountAlignment);
        text.AppendLine();

        var rows = new List<string[]>
        {
            PositionHeader,
        };
        foreach (var r in report.Positions)
        {
            var p = r.Position;
            rows.Add(
            [
                p.Symbol, Words.Of(p.Side), Words.Of(p.Mode), Invariant($"{p.Leverage:0.##}x"), Invariant($"{p.Quantity:0.########}"),
                Numbers.FormatPrice(p.EntryPrice), Numbers.FormatPrice(r.MarkPrice), Money(r.Notional, marginAsset),
                r.LiquidationPrice is { } lp ? Numbers.FormatPrice(lp) : "none",
                r.DistanceToLiquidationPct is { } d ? Pct(d) : "-",
                Money(r.MaintenanceMargin, marginAsset),
                Invariant($"{r.Tier.Number} ({Pct(r.Tier.MaintenanceMarginRate * 100m)})"),
                Money(r.UnrealizedPnl, marginAsset),
            ]);
        }

        AppendColumns(text, rows, PositionAlignment);
        var findings = report.Findings.Concat(extraFindings).ToList();
        var allNotes = notes.ToList();
        if (findings.Count + allNotes.Count > 0)
        {
            text.AppendLine();
        }

        AppendFindings(text, findings);

        foreach (var note in allNotes)
        {
            text.AppendLine("Note: " + note);
        }

        return text.ToString();
    }

    /// <summary>One position as a card: what <c>liq</c> prints.</summary>
    public static string WriteOne(BookReport report, string marginAsset, bool sizeGiven, IEnumerable<string> notes)
    {
        var r = report.Positions[0];
        var p = r.Position;
        var lines = new List<string[]>
        {
            new[] { "Entry", Numbers.FormatPrice(p.EntryPrice) },
            new[] { "Mark", Numbers.FormatPrice(r.MarkPrice) },
            new[]
            {
                "Liquidation price",
                r.LiquidationPrice is { } lp
                    ? Invariant($"{Numbers.FormatPrice(lp)}  ({Pct(r.DistanceToLiquidationPct!.Value)} away, tier {r.Liquidation.Tier.Number} at {Pct(r.Liquidation.Tier.MaintenanceMarginRate * 100m)} maintenance)")
                    : "none: no positive price liquidates it",
            },
            new[] { "Bankruptcy price", r.BankruptcyPrice is { } bp ? Numbers.FormatPrice(bp) : "none" },
        };
        if (sizeGiven)
        {
            lines.Add(["Size", Invariant($"{p.Quantity:0.########} {(p.Contract.IsInverse ? "contracts" : Conversations.Input.Symbols.BaseAsset(p.Symbol))}") + " = " + Money(r.Notional, marginAsset)]);
            lines.Add(["Initial margin", Money(r.InitialMargin, marginAsset)]);
            lines.Add(["Maintenance margin", Money(r.MaintenanceMargin, marginAsset)]);
            lines.Add(["Fees (taker)", Invariant($"{Money(r.EntryFee, marginAsset)} to open, {Money(r.ExitFee, marginAsset)} to close")]);
            if (p.Mode == Engine.Contracts.MarginMode.Cross)
            {
                lines.Add(["Cross wallet", Money(report.Account.CrossWalletBalance, marginAsset)]);
                lines.Add(["Margin ratio", Pct(report.Account.MarginRatio * 100m) + " (100% = liquidation)"]);
            }
        }

        lines.Add(["Rules", Invariant($"{report.Exchange.Name}, {r.Liquidation.Formula}; tiers {r.Tiers.Source.ToString().ToLowerInvariant()} ({r.Tiers.AsOf})")]);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{p.Symbol} {Words.Of(p.Side)} {p.Leverage:0.##}x {Words.Of(p.Mode)} on {report.Exchange.Name}"));
        AppendColumns(text, lines, AccountAlignment.Select(_ => false).ToArray());
        text.AppendLine("An estimate: exchanges' rules, tiers and your account's own settings differ; check the exchange's figure before you trade.");
        AppendFindings(text, report.Findings);

        foreach (var note in notes)
        {
            text.AppendLine("Note: " + note);
        }

        return text.ToString();
    }

    public static string Money(decimal amount, string asset)
    {
        var decimals = asset is "USDT" or "USDC" or "USD" ? 2 : 8;
        return Numbers.Format(amount, decimals) + " " + asset;
    }

    public static string Pct(decimal percent) => Numbers.Format(percent, 2) + "%";

    public static void AppendColumns(StringBuilder text, IReadOnlyList<string[]> rows, bool[] rightAlign)
    {
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => rightAlign[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            text.AppendLine(string.Join("  ", cells).TrimEnd());
        }
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One "[severity] sentence" line per finding, in the chat's words.</summary>
    public static void AppendFindings(StringBuilder text, IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        foreach (var finding in findings)
        {
            text.AppendLine(Invariant($"[{finding.Severity.ToString().ToLowerInvariant()}] {WarningText.Describe(finding)}"));
        }
    }
}
