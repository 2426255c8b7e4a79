using System.Globalization;
using System.Text;
using System.Text.Json;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.QuickCommands;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Risk;
using MarginBot.Engine.Tiers;

namespace MarginBot.Cli;

/// <summary>
/// <c>size --symbol SOLUSDT --side long --entry 150 --stop 140 --risk 150 [--exchange ...] [--taker 0.0005]
/// [--buffer 0.8] [--wallet 1000] [--json]</c>: quantity, notional and the highest leverage that
/// keeps the stop within the buffer of the way to liquidation.
/// </summary>
internal static class SizeCommand
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };
    private static readonly bool[] Alignment = [false, false];

    public static int Run(CliArgs cli, TierCatalog catalog, TextWriter output)
    {
        var (symbol, kind) = cli.Symbol("SOLUSDT or sol");
        var side = cli.Side();
        var exchange = cli.Exchange();

        if (!SymbolCatalog.IsListed(catalog, symbol, kind))
        {
            throw new InputException("--symbol", $"a listed perpetual such as SOLUSDT; no exchange table knows '{symbol}'");
        }

        var entry = cli.Positive("entry", "entry price") ?? throw new InputException("--entry", "missing; expected the entry price, such as 150");
        var stop = cli.Positive("stop", "stop-loss price") ?? throw new InputException("--stop", "missing; expected the stop-loss price, such as 140");
        var risk = cli.Positive("risk", "max loss") ?? throw new InputException("--risk", "missing; expected the most you accept to lose, such as 150");

        var fees = exchange.DefaultFees;
        if (cli.NonNegative("taker", "taker rate") is { } taker)
        {
            fees = taker < 0.1m ? new FeeSchedule(taker, fees.Maker) : throw new InputException("--taker", "expected a fraction below 0.1, such as 0.0005 for 0.05%");
        }

        var buffer = cli.Positive("buffer", "buffer") ?? SizingRequest.DefaultBuffer;
        if (buffer > 1m)
        {
            throw new InputException("--buffer", "expected a fraction up to 1, such as 0.8 (the stop at most 80% of the way to liquidation)");
        }

        var quote = SizeQuote.Of(
            new SizeRequest
            {
                Exchange = exchange,
                Symbol = symbol,
                Kind = kind,
                Side = side,
                Entry = entry,
                Stop = stop,
                Risk = risk,
                Fees = fees,
                Buffer = buffer,
                Wallet = cli.NonNegative("wallet", "futures wallet balance"),
            },
            catalog,
            field => "--" + field);
        output.Write(cli.Flag("json") ? Json(quote, buffer) + Environment.NewLine : Human(quote, symbol, side, risk, buffer, exchange));
        return 0;
    }

    private static string Human(SizeQuote quote, string symbol, Side side, decimal risk, decimal buffer, ExchangeProfile exchange)
    {
        var (r, tiers) = (quote.Result, quote.Tiers);
        var rows = new List<string[]>
        {
            new[] { "Quantity", Invariant($"{Numbers.Format(r.Quantity, 6)} {Symbols.BaseAsset(symbol)}") },
            new[] { "Notional", ReportTable.Money(r.Notional, "USDT") },
            new[] { "Loss at the stop", ReportTable.Money(r.LossAtStop, "USDT") + " (price move plus taker fees in and out)" },
            new[]
            {
                "Highest leverage",
                r.MaxLeverage is { } l
                    ? Invariant($"{l:0}x isolated (tier {r.Tier.Number} allows {(r.TierMaxLeverage is { } m ? Invariant($"{m:0}x") : "an unrecorded maximum")})")
                    : "none: even 1x puts the stop past the buffer",
            },
        };
        if (r.MaxLeverage is not null)
        {
            rows.Add(["Liquidation price", r.LiquidationPrice is { } lp ? Numbers.FormatPrice(lp) : "none"]);
            rows.Add(["Initial margin", ReportTable.Money(r.InitialMargin!.Value, "USDT")]);
            rows.Add(["Stop share of the way", ReportTable.Pct(r.StopShareOfWay!.Value * 100m) + Invariant($" (at most {buffer * 100m:0.##}%)")]);
        }

        if (r.CrossLossAtLiquidation is { } crossLoss)
        {
            rows.Add(["In cross", Invariant($"liquidation at {(r.CrossLiquidationPrice is { } c ? Numbers.FormatPrice(c) : "none")}: a fast drop through an unfilled stop could take {ReportTable.Money(crossLoss, "USDT")}, not {ReportTable.Money(risk, "USDT")}")]);
        }

        rows.Add(["Rules", Invariant($"{exchange.Name}, tiers {tiers.Source.ToString().ToLowerInvariant()} ({tiers.AsOf})")]);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{symbol} {Words.Of(side)}: size for a max loss of {ReportTable.Money(risk, "USDT")}"));
        ReportTable.AppendColumns(text, rows, Alignment);

        // The engine's warnings on the sized trade with its stop, as the chat's /size gives them.
        if (quote.Findings.Count > 0)
        {
            text.AppendLine();
            ReportTable.AppendFindings(text, quote.Findings);
        }

        return text.ToString();
    }

    private static string Json(SizeQuote quote, decimal buffer)
    {
        var (r, tiers) = (quote.Result, quote.Tiers);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            ReportJson.Number(json, "qty", r.Quantity);
            ReportJson.Number(json, "notional", r.Notional);
            ReportJson.Number(json, "lossAtStop", r.LossAtStop);
            ReportJson.Number(json, "maxLeverage", r.MaxLeverage);
            ReportJson.Number(json, "tierMaxLeverage", r.TierMaxLeverage);
            ReportJson.Number(json, "liquidationPrice", r.LiquidationPrice);
            ReportJson.Number(json, "initialMargin", r.InitialMargin);
            ReportJson.Number(json, "stopShareOfWay", r.StopShareOfWay);
            ReportJson.Number(json, "buffer", buffer);
            json.WriteNumber("tier", r.Tier.Number);
            json.WriteString("tierSource", tiers.Source.ToString().ToLowerInvariant());
            ReportJson.Number(json, "crossLiquidationPrice", r.CrossLiquidationPrice);
            ReportJson.Number(json, "crossLossAtLiquidation", r.CrossLossAtLiquidation);
            ReportJson.WriteFindings(json, "warnings", quote.Findings);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
