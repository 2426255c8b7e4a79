using System.Text.Json;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Warnings;

namespace MarginBot.Cli;

/// <summary>
/// Writes a <see cref="BookReport"/> in the <c>--json</c> contract (docs/portfolio-format.md):
/// numbers as JSON numbers at full decimal precision, <c>null</c> where there is no price.
/// </summary>
internal static class ReportJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    /// <summary>The whole answer. <paramref name="sizeGiven"/> false blanks the size fields of a size-free <c>liq</c>.</summary>
    public static string Write(BookReport report, IEnumerable<Finding> extraFindings, bool sizeGiven = true)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("exchange", Words.Of(report.Exchange));
            WriteAccount(json, report.Account);
            json.WriteStartArray("positions");
            foreach (var position in report.Positions)
            {
                WritePosition(json, position, sizeGiven);
            }

            json.WriteEndArray();
            WriteFindings(json, "warnings", report.Findings.Concat(extraFindings));
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes findings as an array of { code, severity, message, symbol, figures }.</summary>
    public static void WriteFindings(Utf8JsonWriter json, string name, IEnumerable<Finding> findings)
    {
        json.WriteStartArray(name);
        foreach (var finding in findings)
        {
            json.WriteStartObject();
            json.WriteString("code", finding.Code);
            json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
            json.WriteString("message", WarningText.Describe(finding));
            NumberOrNull(json, "symbol", finding.Symbol);
            json.WriteStartObject("figures");
            foreach (var (key, value) in finding.Figures)
            {
                json.WriteNumber(key, Normalize(value));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteAccount(Utf8JsonWriter json, AccountSummary a)
    {
        json.WriteStartObject("account");
        Number(json, "wallet", a.WalletBalance);
        Number(json, "crossWallet", a.CrossWalletBalance);
        Number(json, "equity", a.Equity);
        Number(json, "maintenanceMargin", a.MaintenanceMargin);
        Number(json, "marginRatio", a.MarginRatio);
        Number(json, "initialMargin", a.InitialMargin);
        Number(json, "idleFunds", a.IdleFunds);
        Number(json, "crossMarginBalance", a.CrossMarginBalance);
        Number(json, "crossRequirement", a.CrossRequirement);
        json.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter json, PositionReport r, bool sizeGiven)
    {
        var p = r.Position;
        json.WriteStartObject();
        json.WriteString("symbol", p.Symbol);
        json.WriteString("side", Words.Of(p.Side));
        json.WriteString("mode", Words.Of(p.Mode));
        Number(json, "qty", sizeGiven ? p.Quantity : null);
        Number(json, "entry", p.EntryPrice);
        Number(json, "mark", r.MarkPrice);
        Number(json, "leverage", p.Leverage);
        Number(json, "notional", sizeGiven ? r.Notional : null);
        Number(json, "liquidationPrice", r.LiquidationPrice);
        Number(json, "bankruptcyPrice", r.BankruptcyPrice);
        Number(json, "maintenanceMargin", sizeGiven ? r.MaintenanceMargin : null);
        Number(json, "maintenanceMarginRate", r.Tier.MaintenanceMarginRate);
        json.WriteNumber("tier", r.Tier.Number);
        json.WriteNumber("liquidationTier", r.Liquidation.Tier.Number);
        json.WriteString("tierSource", r.Tiers.Source.ToString().ToLowerInvariant());
        json.WriteString("tierAsOf", r.Tiers.AsOf);
        json.WriteString("formula", r.Liquidation.Formula);
        Number(json, "initialMargin", sizeGiven ? r.InitialMargin : null);
        Number(json, "unrealizedPnl", sizeGiven ? r.UnrealizedPnl : null);
        Number(json, "roePct", r.RoePct);
        Number(json, "entryFee", sizeGiven ? r.EntryFee : null);
        Number(json, "exitFee", sizeGiven ? r.ExitFee : null);
        Number(json, "distanceToLiquidationPct", r.DistanceToLiquidationPct);
        json.WriteEndObject();
    }

    /// <summary>A decimal as a JSON number without trailing zeros, or <c>null</c>: every verb's JSON writes numbers this way.</summary>
    public static void Number(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Normalize(v));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>The same value without trailing zeros (3000.0 → 3000), so that the JSON reads as the number it is.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static void NumberOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
