using System.CommandLine;
using System.CommandLine.Parsing;
using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;

namespace MarginBot.Cli;

/// <summary>How an option takes its value.</summary>
internal enum OptionKind
{
    /// <summary><c>--name value</c> or <c>--name=value</c>, once.</summary>
    Value,

    /// <summary><c>--name</c>, no value.</summary>
    Flag,

    /// <summary><c>--name value</c>, as often as needed.</summary>
    Repeated,
}

/// <summary>One option of a verb, with its line in the verb's --help.</summary>
internal sealed record CliOption(string Name, string Description, OptionKind Kind = OptionKind.Value);

/// <summary>
/// One verb of the command line: its options and positional words, described for System.CommandLine,
/// which writes every verb's --help and finds the option a typo meant.
/// </summary>
/// <param name="Name">The verb.</param>
/// <param name="Description">One line for the help.</param>
/// <param name="Options">Its options.</param>
/// <param name="Positional">The name of its positional words (<c>FILE</c>), or <c>null</c> when it takes none.</param>
internal sealed record CliVerb(string Name, string Description, IReadOnlyList<CliOption> Options, string? Positional = null)
{
    /// <summary>The System.CommandLine command: every option as text (our parsers read the numbers), flags as booleans.</summary>
    public Command ToCommand()
    {
        var command = new Command(Name, Description);
        foreach (var option in Options)
        {
            command.Options.Add(option.Kind switch
            {
                OptionKind.Flag => new Option<bool>("--" + option.Name) { Description = option.Description },
                OptionKind.Repeated => new Option<string[]>("--" + option.Name) { Description = option.Description, AllowMultipleArgumentsPerToken = false },
                _ => new Option<string>("--" + option.Name) { Description = option.Description },
            });
        }

        // Positional words are taken as they come, so that a stray word or option is named by us, in one line.
        command.Arguments.Add(new Argument<string[]>(Positional ?? "WORDS") { Arity = ArgumentArity.ZeroOrMore, Hidden = Positional is null });
        return command;
    }
}

/// <summary>
/// The options of one verb as parsed: <c>--name value</c> pairs, repeated options, bare <c>--flag</c>s
/// and positional words. Every option must be one the verb knows, so a typo is named (with the
/// option it most likely meant) rather than ignored.
/// </summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _repeated = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    private CliArgs()
    {
    }

    public IReadOnlyList<string> Positional => _positional;

    /// <summary>Reads the parse of <paramref name="command"/> (built by <paramref name="verb"/>); bad input is an <see cref="InputException"/>.</summary>
    public static CliArgs From(ParseResult parse, CliVerb verb, Command command)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(verb);
        ArgumentNullException.ThrowIfNull(command);
        var words = parse.GetResult(command.Arguments[0]) is { } argument ? argument.Tokens.Select(t => t.Value).ToList() : [];
        if (parse.UnmatchedTokens.Concat(words).FirstOrDefault(w => w.StartsWith('-') && !Numbers.TryParse(w, out _)) is { } unknown)
        {
            var name = unknown.Split('=', 2)[0];
            var known = verb.Options.Select(o => "--" + o.Name).ToList();
            throw new InputException(name, Closest(name, known) is { } meant
                ? $"unknown option; did you mean {meant}? (see {verb.Name} --help)"
                : $"unknown option; expected one of {string.Join(", ", known.Order(StringComparer.Ordinal))}");
        }

        if (parse.Errors.Count > 0 && parse.Errors[0] is var error)
        {
            var field = error.SymbolResult is OptionResult option ? option.Option.Name : verb.Name;
            throw new InputException(field, error.Message switch
            {
                var m when m.Contains("argument missing", StringComparison.OrdinalIgnoreCase) => "expected a value after it",
                var m when m.Contains("expects a single argument", StringComparison.OrdinalIgnoreCase) => "given twice; expected it once",
                var m => m.TrimEnd('.'),
            });
        }

        if (verb.Positional is null && words.Count > 0)
        {
            throw new InputException(words[0], $"unexpected word; {verb.Name} takes only --options (see {verb.Name} --help)");
        }

        var parsed = new CliArgs();
        parsed._positional.AddRange(words);
        foreach (var option in command.Options)
        {
            switch (option)
            {
                case Option<bool> flag when parse.GetValue(flag):
                    parsed._flags.Add(flag.Name[2..]);
                    break;
                case Option<string[]> repeated when parse.GetValue(repeated) is { Length: > 0 } values:
                    parsed._repeated[repeated.Name[2..]] = values;
                    break;
                case Option<string> single when parse.GetValue(single) is { } value:
                    parsed._options[single.Name[2..]] = value;
                    break;
            }
        }

        return parsed;
    }

    /// <summary>The known name a typed one most likely meant: within two edits, or the only one it begins.</summary>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var candidates = known.ToList();
        var near = candidates.Select(k => (Name: k, Distance: Distance(typed, k))).Where(c => c.Distance <= 2).OrderBy(c => c.Distance).ToList();
        if (near.Count > 0 && (near.Count == 1 || near[0].Distance < near[1].Distance))
        {
            return near[0].Name;
        }

        var prefixed = candidates.Where(k => typed.Length >= 3 && k.StartsWith(typed, StringComparison.Ordinal)).ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }

    /// <summary><c>--symbol</c>, required, normalized (<c>btc</c> → <c>BTCUSDT</c>); <paramref name="example"/> such as <c>BTCUSDT or btc</c>.</summary>
    public (string Symbol, ContractKind Kind) Symbol(string example)
    {
        var text = RequiredText("symbol", "a symbol such as " + example);
        return Symbols.TryNormalize(text, out var symbol, out var kind)
            ? (symbol, kind)
            : throw new InputException("--symbol", $"expected a symbol such as {example}, got '{text}'");
    }

    /// <summary><c>--side</c>, required.</summary>
    public Side Side()
    {
        var text = RequiredText("side", "long or short");
        return Words.TryParseSide(text, out var side) ? side : throw new InputException("--side", $"expected long or short, got '{text}'");
    }

    /// <summary><c>--exchange</c>, Binance when absent.</summary>
    public ExchangeProfile Exchange() =>
        Text("exchange") is not { } text ? ExchangeProfile.Binance
        : Words.TryParseExchange(text, out var exchange) ? exchange
        : throw new InputException("--exchange", $"expected {Words.ExchangeChoices}, got '{text}'");

    public bool Flag(string name) => _flags.Contains(name);

    public string? Text(string name) => _options.GetValueOrDefault(name);

    /// <summary>Every value of a repeated option, in the order given (empty when absent).</summary>
    public IReadOnlyList<string> Values(string name) => _repeated.GetValueOrDefault(name) ?? [];

    public bool Has(string name) => _options.ContainsKey(name) || _repeated.ContainsKey(name);

    public string RequiredText(string name, string expected) =>
        Text(name) ?? throw new InputException("--" + name, "missing; expected " + expected);

    /// <summary>A positive number, or <c>null</c> when the option is absent.</summary>
    public decimal? Positive(string name, string what) => Number(name, what, allowZero: false);

    /// <summary>A number of zero or more, or <c>null</c> when the option is absent.</summary>
    public decimal? NonNegative(string name, string what) => Number(name, what, allowZero: true);

    private decimal? Number(string name, string what, bool allowZero)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (!Numbers.TryParse(text, out var value) || value < 0 || (!allowZero && value == 0))
        {
            throw new InputException("--" + name, $"expected {(allowZero ? "zero or a positive" : "a positive")} number for the {what}, got '{text}'");
        }

        return value;
    }

    // Levenshtein distance: short names, so the plain table is enough.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
