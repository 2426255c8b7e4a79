using MarginBot.Conversations.Books;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Checklist;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Market;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Costs;
using MarginBot.Engine.Liquidation;
using MarginBot.Engine.Risk;
using MarginBot.Engine.Warnings;

namespace MarginBot.Conversations.QuickCommands;

/// <summary>
/// /size (position sizing from a money risk) and /funding (how funding walks an isolated
/// liquidation price): one-shot answers from what was typed, never from a stored book, so they
/// answer in groups too.
/// </summary>
internal static class RiskQuotes
{
    private static readonly Lazy<DailyMoves> Moves = new(DailyMoves.LoadBundled);

    /// <summary><c>/size sol long 150 stop 140 risk 150 [wallet 1000] [bybit]</c>.</summary>
    public static string Size(string args, FlowContext context)
    {
        if (args.Length == 0)
        {
            return Texts.Quotes.SizeUsage;
        }

        var words = Tokens(args);
        var stop = TakeAfter(words, ["stop", "sl"]);
        var risk = TakeAfter(words, ["risk", "maxloss", "max-loss", "loss"]);
        var r = TradeText.Parse(string.Join(' ', words), context.Catalog);
        if (r.Leverage is not null || r.Mode is not null || r.Quantity is not null || r.Notional is not null)
        {
            throw new InputException(r.Leverage is not null ? Texts.PieceLeverage : r.Mode is not null ? Texts.PieceMode : Texts.PieceSize, Texts.Quotes.SizeWorksItOut);
        }

        var missing = r.Missing(needSize: true).Where(m => m != Texts.PieceSize).ToList();
        if (stop is null)
        {
            missing.Add(Texts.PieceStop);
        }

        if (risk is null)
        {
            missing.Add(Texts.Quotes.PieceRisk);
        }

        if (missing.Count > 0)
        {
            return Texts.Quotes.SizeMissing(missing);
        }

        var exchange = r.Exchange ?? context.Settings.Profile;
        var quote = SizeQuote.Of(
            new SizeRequest
            {
                Exchange = exchange,
                Symbol = r.Symbol!,
                Kind = r.Kind,
                Side = r.Side!.Value,
                Entry = r.Entry!.Value,
                Stop = stop!.Value,
                Risk = risk!.Value,
                Fees = exchange.Id == context.Settings.Exchange ? context.Settings.Fees : exchange.DefaultFees,
                Wallet = r.Wallet,
            },
            context.Catalog,
            field => field == "stop" ? Texts.PieceStop : r.Symbol!);
        return Texts.Quotes.SizeAnswer(quote.Position, stop.Value, risk.Value, exchange.Name, quote.Result, r.Wallet, quote.Findings);
    }

    /// <summary><c>/funding btc long 60000 10x 3d [0.03%] [0.5 btc]</c>.</summary>
    public static string Funding(string args, FlowContext context)
    {
        if (args.Length == 0)
        {
            return Texts.Quotes.FundingUsage;
        }

        var words = Tokens(args);
        decimal? hours = null;
        decimal? rate = null;
        foreach (var word in words.ToList())
        {
            if (word.EndsWith('%'))
            {
                rate = rate is null && Numbers.TryParse(word, out var percent) && Math.Abs(percent) <= 5m
                    ? percent / 100m
                    : throw new InputException(word, Texts.Quotes.RateExample);
                words.Remove(word);
            }
            else if (word.Length > 1 && char.IsAsciiDigit(word[0]) && word[^1] is 'h' or 'd' or 'w' or 'm' && !word.EndsWith("usdt", StringComparison.Ordinal))
            {
                hours = hours is null ? CheckAnswers.Hours(word) : throw new InputException(word, Texts.GivenTwice(Texts.PieceHold));
                words.Remove(word);
            }
        }

        var (r, entryNote) = LiveFigures.WithMarkAsEntry(TradeText.Parse(string.Join(' ', words), context.Catalog), context);
        if (r.Mode == MarginMode.Cross)
        {
            throw new InputException("cross", Texts.Quotes.FundingIsolatedOnly);
        }

        var missing = r.Missing(needSize: false).ToList();
        if (hours is null)
        {
            missing.Add(Texts.PieceHold);
        }

        if (missing.Count > 0)
        {
            return (entryNote is null ? string.Empty : entryNote + "\n") + Texts.Quotes.FundingMissing(missing);
        }

        var liveTiers = LiveFigures.LiveTiers(r, context);
        var quote = LiqQuote.Of(r with { Mode = MarginMode.Isolated, Wallet = null }, context.Settings, context.Catalog, LiveFigures.Overrides(liveTiers));
        var book = quote.Book;
        var position = book.Positions[0];
        var sources = new List<string>();
        if (entryNote is not null)
        {
            sources.Add(entryNote);
        }

        // No rate typed: the exchange's current one when it gives it, else the stated baseline.
        if (rate is null && context.Live.IsLive)
        {
            var live = context.Live.Funding(book.Exchange.Id, position.Symbol);
            if (live.IsAvailable)
            {
                rate = live.Value.Rate;
            }

            sources.Add(Texts.Quotes.FundingSource(live, context.Now));
        }

        if (LiveFigures.TiersNote(book, position.Symbol, liveTiers, context) is { } tiersNote)
        {
            sources.Add(tiersNote);
        }

        var perInterval = rate ?? context.Options.DefaultFundingRate;
        var intervals = TradeCosts.FundingIntervals(hours!.Value, book.Exchange.FundingIntervalHours);
        var member = new PricedPosition(position, book.TiersOf(position.Symbol), position.EntryPrice);
        var points = FundingDrift.Project(book.Exchange, book.EffectiveFees, member, perInterval, intervals);
        var context2 = new RiskContext { HoldHours = hours, FundingRatePerInterval = perInterval, DailyMoves = Moves.Value };
        List<Finding> findings = [.. quote.Report.Findings, .. RiskFindings.Detect(book, quote.Report, context2)];
        return Texts.Quotes.FundingAnswer(quote, hours.Value, perInterval, rate is null, intervals, points, findings, sources);
    }

    private static List<string> Tokens(string args) => [.. args.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant())];

    /// <summary>Removes <c>KEYWORD NUMBER</c> from <paramref name="words"/> and returns the number.</summary>
    private static decimal? TakeAfter(List<string> words, string[] keywords)
    {
        var at = words.FindIndex(w => keywords.Contains(w));
        if (at < 0)
        {
            return null;
        }

        if (at + 1 >= words.Count || !Numbers.TryParse(words[at + 1], out var value) || value <= 0)
        {
            throw new InputException(words[at], Texts.NumberAfter(words[at]));
        }

        if (words.FindIndex(at + 1, w => keywords.Contains(w)) >= 0)
        {
            throw new InputException(words[at], Texts.GivenTwice(words[at]));
        }

        words.RemoveRange(at, 2);
        return value;
    }
}
