using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MarginBot.Conversations.Text;

/// <summary>
/// One language's texts: whole sentences looked up by a stable dotted key (<c>risk.whatif.usage</c>)
/// and filled by named placeholders (<c>{symbol}</c>). The file is <c>Text/Catalog/{language}.json</c>,
/// embedded in the assembly: a flat object whose values are a string or an array of lines (joined by
/// a line break). <c>{{</c> and <c>}}</c> are literal braces. A key missing from a translation, or a
/// translation whose placeholders differ from the call, falls back to the English text and is
/// reported once per key; a key or placeholder missing from English is a programming error and throws.
/// </summary>
internal sealed partial class TextCatalog
{
    /// <summary>The language every other falls back to, and the one the keys are checked against.</summary>
    public const string DefaultLanguage = "en";

    private readonly Dictionary<string, Template> templates;
    private readonly TextCatalog? fallback;
    private readonly Action<string>? report;
    private readonly ConcurrentDictionary<string, bool> reported = new(StringComparer.Ordinal);

    private TextCatalog(string language, Dictionary<string, Template> templates, TextCatalog? fallback, Action<string>? report)
    {
        Language = language;
        this.templates = templates;
        this.fallback = fallback;
        this.report = report;
    }

    /// <summary>The English catalog, read once from the assembly.</summary>
    public static TextCatalog English { get; } = Load(DefaultLanguage);

    /// <summary>The language code of the file, such as <c>en</c>.</summary>
    public string Language { get; }

    /// <summary>Every key of this catalog, in file order.</summary>
    public IReadOnlyCollection<string> Keys => templates.Keys;

    /// <summary>
    /// Reads the embedded catalog of <paramref name="language"/>; <paramref name="fallback"/> (English
    /// for every other language) answers the keys it lacks, and <paramref name="report"/> hears of each
    /// such key once.
    /// </summary>
    public static TextCatalog Load(string language, TextCatalog? fallback = null, Action<string>? report = null)
    {
        var name = $"catalog.{language}.json";
        using var stream = typeof(TextCatalog).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"No text catalog '{name}' is embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(language, reader.ReadToEnd(), fallback, report);
    }

    /// <summary>Reads a catalog from its JSON text; throws <see cref="FormatException"/> on a duplicate key, a bad key or a bad placeholder.</summary>
    public static TextCatalog Parse(string language, string json, TextCatalog? fallback = null, Action<string>? report = null)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"The {language} catalog must be one JSON object of key: text.");
        }

        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (!KeyPattern().IsMatch(entry.Name))
            {
                throw new FormatException($"The {language} catalog key '{entry.Name}' is not lower-case, dotted words (such as risk.whatif.usage).");
            }

            var text = entry.Value.ValueKind switch
            {
                JsonValueKind.String => entry.Value.GetString()!,
                JsonValueKind.Array => string.Join("\n", entry.Value.EnumerateArray().Select(line => line.GetString()
                    ?? throw new FormatException($"The {language} catalog key '{entry.Name}' has a line that is not a string."))),
                _ => throw new FormatException($"The {language} catalog key '{entry.Name}' is neither a string nor an array of lines."),
            };
            if (!templates.TryAdd(entry.Name, Template.Parse(entry.Name, text)))
            {
                throw new FormatException($"The {language} catalog has the key '{entry.Name}' twice.");
            }
        }

        return new TextCatalog(language, templates, fallback, report);
    }

    /// <summary>Whether this catalog itself (not its fallback) has <paramref name="key"/>.</summary>
    public bool Contains(string key) => templates.ContainsKey(key);

    /// <summary>The placeholder names of <paramref name="key"/>'s text in this catalog, sorted.</summary>
    public IReadOnlyList<string> PlaceholdersOf(string key) => templates[key].Names;

    /// <summary>
    /// The text of <paramref name="key"/> with each <c>{name}</c> replaced by its value: strings as
    /// they are, numbers and dates in the invariant culture. The names given must be exactly the
    /// text's placeholders.
    /// </summary>
    public string Format(string key, params ReadOnlySpan<(string Name, object? Value)> values)
    {
        if (templates.TryGetValue(key, out var template) && template.Fits(values))
        {
            return template.Render(values);
        }

        if (fallback is not null)
        {
            if (reported.TryAdd(key, true))
            {
                report?.Invoke(template is null
                    ? $"The {Language} catalog has no text '{key}'; the {fallback.Language} text is used."
                    : $"The {Language} text '{key}' has the placeholders {{{string.Join("}, {", template.Names)}}}, not those given; the {fallback.Language} text is used.");
            }

            return fallback.Format(key, values);
        }

        var given = new List<string>();
        foreach (var (name, _) in values)
        {
            given.Add(name);
        }

        throw template is null
            ? new KeyNotFoundException($"The {Language} catalog has no text '{key}'.")
            : new ArgumentException($"The {Language} text '{key}' has the placeholders [{string.Join(", ", template.Names)}] but was given [{string.Join(", ", given.Order(StringComparer.Ordinal))}].", nameof(values));
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[a-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    /// <summary>A text cut once into literal pieces and placeholder names, so formatting does not parse.</summary>
    private sealed class Template
    {
        private readonly (string Literal, string? Name)[] parts;

        private Template((string Literal, string? Name)[] parts)
        {
            this.parts = parts;
            Names = [.. parts.Where(p => p.Name is not null).Select(p => p.Name!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        public IReadOnlyList<string> Names { get; }

        public static Template Parse(string key, string text)
        {
            var parts = new List<(string, string?)>();
            var literal = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
                {
                    literal.Append(c);
                    i++;
                }
                else if (c == '{')
                {
                    var end = text.IndexOf('}', i + 1);
                    var name = end < 0 ? string.Empty : text[(i + 1)..end];
                    if (!NamePattern().IsMatch(name))
                    {
                        throw new FormatException($"The text '{key}' has a brace that opens no placeholder such as {{symbol}} (write {{{{ for a brace).");
                    }

                    parts.Add((literal.ToString(), name));
                    literal.Clear();
                    i = end;
                }
                else if (c == '}')
                {
                    throw new FormatException($"The text '{key}' has a lone closing brace (write }}}} for a brace).");
                }
                else
                {
                    literal.Append(c);
                }
            }

            parts.Add((literal.ToString(), null));
            return new Template([.. parts]);
        }

        public bool Fits(ReadOnlySpan<(string Name, object? Value)> values)
        {
            if (values.Length != Names.Count)
            {
                return false;
            }

            foreach (var (name, _) in values)
            {
                if (!Names.Contains(name, StringComparer.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public string Render(ReadOnlySpan<(string Name, object? Value)> values)
        {
            var text = new StringBuilder();
            foreach (var (literal, name) in parts)
            {
                text.Append(literal);
                if (name is not null)
                {
                    text.Append(ValueOf(name, values));
                }
            }

            return text.ToString();
        }

        private static string ValueOf(string name, ReadOnlySpan<(string Name, object? Value)> values)
        {
            foreach (var (n, value) in values)
            {
                if (string.Equals(n, name, StringComparison.Ordinal))
                {
                    return value switch
                    {
                        null => string.Empty,
                        string s => s,
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        _ => value.ToString() ?? string.Empty,
                    };
                }
            }

            return string.Empty;
        }
    }
}
