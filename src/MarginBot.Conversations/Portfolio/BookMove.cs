using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Conversations.Text;
using MarginBot.Engine.Risk;

namespace MarginBot.Conversations.Portfolio;

/// <summary>
/// The one grammar of a move of the book, for the chat and the command line alike: <c>eth -10%</c>
/// (one coin by a percentage of its mark), <c>eth 2900</c> (one coin to a price), <c>-15%</c> or
/// <c>all -15%</c> (every coin), or several coins at once (<c>eth -10% btc -5%</c>); a coin and its
/// move may also be joined by <c>=</c> (<c>ETHUSDT=-10%</c>, as the command line writes them).
/// </summary>
/// <param name="Scenario">The engine's scenario.</param>
/// <param name="Description">The move in words, plain text: <c>ETHUSDT -10%</c>, <c>everything -15%</c>.</param>
/// <param name="Symbol">The one coin that moves, or <c>null</c> when every coin (or several) move.</param>
/// <param name="Percent">The move of <see cref="Symbol"/> (or of everything) in percent of its mark, for the chart's range.</param>
public sealed record BookMove(MoveScenario Scenario, string Description, string? Symbol, decimal Percent)
{
    /// <summary>The word for every coin at once, before a percentage: <c>all -15%</c>.</summary>
    private const string AllCoins = "all";

    /// <summary>Reads <paramref name="args"/> against the symbols held in the book.</summary>
    public static BookMove Parse(string args, IReadOnlyDictionary<string, decimal> marks, string example)
    {
        var tokens = args.Replace('−', '-').Replace('=', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var moves = new Dictionary<string, PriceMove>(StringComparer.Ordinal);
        var words = new List<string>();
        PriceMove? everything = null;
        string? pending = null;
        foreach (var token in tokens)
        {
            var isPercent = token.EndsWith('%');
            if (Numbers.TryParse(token, out var value))
            {
                if (pending is null or AllCoins)
                {
                    if (!isPercent)
                    {
                        throw new InputException(token, pending is null ? Texts.Risk.PriceNeedsCoin(token) : Texts.Risk.PercentRange);
                    }

                    everything = everything is null ? ByPercent(value, token) : throw new InputException(token, Texts.GivenTwice("move"));
                    words.Add(Texts.Risk.EverythingWord + " " + Signed(value) + "%");
                    pending = null;
                    continue;
                }

                moves[pending] = isPercent ? ByPercent(value, token) : value > 0 ? PriceMove.To(value) : throw new InputException(token, Texts.Risk.MoveExample(example));
                words.Add(pending + " " + (isPercent ? Signed(value) + "%" : "to " + Texts.Price(value)));
                pending = null;
                continue;
            }

            if (pending is not null)
            {
                throw new InputException(pending, pending == AllCoins ? Texts.Risk.PercentRange : Texts.Risk.MoveAfterCoin(pending));
            }

            if (string.Equals(token, AllCoins, StringComparison.OrdinalIgnoreCase) && !marks.ContainsKey("ALLUSDT"))
            {
                pending = AllCoins;
                continue;
            }

            if (!Symbols.TryNormalize(token, out var symbol, out _) || !token.Any(char.IsAsciiLetter))
            {
                throw new InputException(token, Texts.Risk.MoveExample(example));
            }

            if (!marks.ContainsKey(symbol))
            {
                throw new InputException(token, Texts.Risk.NotInBook(symbol, marks.Keys));
            }

            if (moves.ContainsKey(symbol))
            {
                throw new InputException(token, Texts.GivenTwice(symbol));
            }

            pending = symbol;
        }

        if (pending is not null)
        {
            throw new InputException(pending, pending == AllCoins ? Texts.Risk.PercentRange : Texts.Risk.MoveAfterCoin(pending));
        }

        if (moves.Count == 0 && everything is null)
        {
            throw new InputException("move", Texts.Risk.MoveExample(example));
        }

        var scenario = new MoveScenario([new MoveStep(moves, everything)]);
        var description = string.Join(", ", words);
        if (moves.Count == 1 && everything is null)
        {
            var (symbol, move) = moves.First();
            var percent = move.IsPercent ? move.Value : ((move.Value / marks[symbol]) - 1m) * 100m;
            return new BookMove(scenario, description, symbol, percent);
        }

        return new BookMove(scenario, description, null, everything?.Value ?? moves.Values.Select(m => m.IsPercent ? m.Value : 0m).DefaultIfEmpty(0m).Min());
    }

    /// <summary>A move of <paramref name="percent"/> of one coin's mark.</summary>
    public static BookMove Of(string symbol, decimal percent) =>
        new(MoveScenario.Of(new Dictionary<string, PriceMove>(StringComparer.Ordinal) { [symbol] = PriceMove.ByPercent(percent) }), symbol + " " + Signed(percent) + "%", symbol, percent);

    private static PriceMove ByPercent(decimal value, string token) =>
        value > -100m && value <= 1000m ? PriceMove.ByPercent(value) : throw new InputException(token, Texts.Risk.PercentRange);

    private static string Signed(decimal percent) => (percent > 0 ? "+" : string.Empty) + Numbers.Format(percent);
}
