using MarginBot.Conversations.Books;
using MarginBot.Conversations.Input;

namespace MarginBot.Cli;

/// <summary>
/// The options of one CLI verb: <c>--name value</c> pairs, bare <c>--flag</c>s and positional words.
/// Every option must be one the verb knows, so a typo is named rather than ignored.
/// </summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    private CliArgs()
    {
    }

    public IReadOnlyList<string> Positional => _positional;

    /// <summary>Parses <paramref name="args"/> against the verb's known options and flags.</summary>
    public static CliArgs Parse(IReadOnlyList<string> args, IReadOnlySet<string> options, IReadOnlySet<string> flags)
    {
        var parsed = new CliArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                parsed._positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inlineValue = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }

            if (flags.Contains(name) && inlineValue is null)
            {
                parsed._flags.Add(name);
            }
            else if (options.Contains(name))
            {
                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new InputException(arg, "expected a value after it"));
                if (!parsed._options.TryAdd(name, value))
                {
                    throw new InputException(arg, "given twice; expected it once");
                }
            }
            else
            {
                var known = string.Join(", ", options.Concat(flags).Order(StringComparer.Ordinal).Select(o => "--" + o));
                throw new InputException(arg, $"unknown option; expected one of {known}");
            }
        }

        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Text(string name) => _options.GetValueOrDefault(name);

    public bool Has(string name) => _options.ContainsKey(name);

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
}
