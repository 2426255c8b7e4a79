using MarginBot.Conversations.Tests.Reliability;
using MarginBot.Conversations.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MarginBot.Conversations.Tests;

/// <summary>
/// The English catalog against the code that reads it: every <c>Say("key", ("name", value)…)</c> in
/// Conversations names a key the catalog has, with exactly that text's placeholders, and every key of
/// the catalog is said somewhere. Read from the source with the C# parser, so a branch no transcript
/// reaches is checked too.
/// </summary>
public sealed class TextCatalogTests
{
    private static readonly Lazy<IReadOnlyList<SayCall>> Calls = new(ReadCalls);

    [Fact]
    public void SayCalls_Found_InTheTextFiles()
    {
        Assert.True(Calls.Value.Count >= 40, $"found {Calls.Value.Count} Say calls");
    }

    [Fact]
    public void SayCalls_EveryKey_IsInTheEnglishCatalog()
    {
        var missing = Calls.Value.Where(c => !TextCatalog.English.Contains(c.Key)).Select(c => $"{c.Where}: {c.Key}").ToList();
        Assert.True(missing.Count == 0, "keys not in en.json:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void SayCalls_EveryCall_FillsExactlyTheTextsPlaceholders()
    {
        var wrong = Calls.Value
            .Where(c => TextCatalog.English.Contains(c.Key))
            .Where(c => !c.Names.SequenceEqual(TextCatalog.English.PlaceholdersOf(c.Key)))
            .Select(c => $"{c.Where}: {c.Key} fills [{string.Join(", ", c.Names)}], the text has [{string.Join(", ", TextCatalog.English.PlaceholdersOf(c.Key))}]")
            .ToList();
        Assert.True(wrong.Count == 0, "placeholders differ:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void EnglishCatalog_EveryKey_IsSaidSomewhere()
    {
        var said = Calls.Value.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var unused = TextCatalog.English.Keys.Where(k => !said.Contains(k)).ToList();
        Assert.True(unused.Count == 0, "keys no code says:\n" + string.Join("\n", unused));
    }

    [Fact]
    public void EnglishCatalog_EveryText_IsTelegramHtmlWithItsPlaceholdersFilled()
    {
        var problems = TextCatalog.English.Keys
            .Select(k => (Key: k, Text: TextCatalog.English.Format(k, [.. TextCatalog.English.PlaceholdersOf(k).Select(n => (n, (object?)"1"))])))
            .SelectMany(t => TelegramRules.HtmlProblems(t.Text).Select(p => $"{t.Key}: {p}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Format_KeyMissingFromEnglish_Throws()
    {
        var catalog = TextCatalog.Parse("en", """{ "a.b": "x" }""");
        Assert.Throws<KeyNotFoundException>(() => catalog.Format("a.c"));
    }

    [Fact]
    public void Format_PlaceholderNotGiven_Throws()
    {
        var catalog = TextCatalog.Parse("en", """{ "a.b": "{symbol} at {price}" }""");
        Assert.Throws<ArgumentException>(() => catalog.Format("a.b", ("symbol", "BTCUSDT")));
        Assert.Throws<ArgumentException>(() => catalog.Format("a.b", ("symbol", "BTCUSDT"), ("price", 1m), ("side", "long")));
    }

    [Fact]
    public void Format_NumbersAndRepeats_InvariantAndFilledEachTime()
    {
        var catalog = TextCatalog.Parse("en", """{ "a.b": ["{n} of {price}", "{n}{{x}}"] }""");
        Assert.Equal("3 of 1234.5\n3{x}", catalog.Format("a.b", ("price", 1234.5m), ("n", 3)));
    }

    [Fact]
    public void Format_TranslationLacksKeyOrPlaceholder_FallsBackToEnglishAndReportsOnce()
    {
        var english = TextCatalog.Parse("en", """{ "a.b": "Hello {name}", "a.c": "Bye {name}" }""");
        var reports = new List<string>();
        var spanish = TextCatalog.Parse("es", """{ "a.c": "Adiós {nombre}" }""", english, reports.Add);

        Assert.Equal("Hello Ana", spanish.Format("a.b", ("name", "Ana")));
        Assert.Equal("Hello Ana", spanish.Format("a.b", ("name", "Ana")));
        Assert.Equal("Bye Ana", spanish.Format("a.c", ("name", "Ana")));
        Assert.Equal(2, reports.Count);
        Assert.Contains("'a.b'", reports[0], StringComparison.Ordinal);
        Assert.Contains("'a.c'", reports[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "a.b": "x", "a.b": "y" }""")]
    [InlineData("""{ "nodot": "x" }""")]
    [InlineData("""{ "A.b": "x" }""")]
    [InlineData("""{ "a.b": "{price" }""")]
    [InlineData("""{ "a.b": "{the price}" }""")]
    [InlineData("""{ "a.b": "50} off" }""")]
    [InlineData("""{ "a.b": 5 }""")]
    public void Parse_BadCatalog_FailsLoudly(string json)
    {
        Assert.Throws<FormatException>(() => TextCatalog.Parse("en", json));
    }

    private static List<SayCall> ReadCalls()
    {
        var folder = Path.Combine(MarginBot.TestKit.RepositoryRoot.Path, "src", "MarginBot.Conversations");
        var calls = new List<SayCall>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: Path.GetRelativePath(folder, file)).GetRoot();
            foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>()
                         .Where(i => i.Expression is IdentifierNameSyntax { Identifier.Text: "Say" } && i.ArgumentList.Arguments.Count > 0))
            {
                var where = $"{call.SyntaxTree.FilePath}:{call.GetLocation().GetLineSpan().StartLinePosition.Line + 1}";
                var args = call.ArgumentList.Arguments;
                var key = args[0].Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
                    ? literal.Token.ValueText
                    : throw new InvalidOperationException($"{where}: the key must be a string literal, so it can be checked.");
                var names = args.Skip(1).SelectMany(a => NamesOf(a.Expression, call, where)).Order(StringComparer.Ordinal).ToList();
                calls.Add(new SayCall(key, names, where));
            }
        }

        return calls;
    }

    /// <summary>The placeholder names an argument fills: a <c>("name", value)</c> tuple, or a local holding one or a list of them.</summary>
    private static IEnumerable<string> NamesOf(ExpressionSyntax expression, SyntaxNode at, string where)
    {
        switch (expression)
        {
            case TupleExpressionSyntax tuple when tuple.Arguments[0].Expression is LiteralExpressionSyntax name:
                return [name.Token.ValueText];
            case CollectionExpressionSyntax list:
                return list.Elements.SelectMany(e => e switch
                {
                    ExpressionElementSyntax one => NamesOf(one.Expression, at, where),
                    SpreadElementSyntax spread => NamesOf(spread.Expression, at, where),
                    _ => throw new InvalidOperationException($"{where}: unexpected {e} among the placeholders."),
                });
            case IdentifierNameSyntax local:
                var member = at.Ancestors().First(a => a is MemberDeclarationSyntax);
                var declared = member.DescendantNodes().OfType<VariableDeclaratorSyntax>()
                    .FirstOrDefault(v => v.Identifier.Text == local.Identifier.Text && v.Initializer is not null)
                    ?? throw new InvalidOperationException($"{where}: '{local.Identifier.Text}' is not a local set to (\"name\", value) tuples.");
                return NamesOf(declared.Initializer!.Value, at, where);
            default:
                throw new InvalidOperationException($"{where}: a placeholder must be given as (\"name\", value), or a local set to such tuples; found {expression}.");
        }
    }

    private sealed record SayCall(string Key, IReadOnlyList<string> Names, string Where);
}
