using System.Reflection;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;

namespace MarginBot.Engine.Tiers;

/// <summary>
/// The tier tables MarginBot knows, per exchange and contract kind, with the conservative fallback
/// for any other symbol. Immutable once built; build it once per process with <see cref="LoadBundled"/>.
/// </summary>
public sealed class TierCatalog
{
    private readonly Dictionary<(ExchangeId, ContractKind), IReadOnlyDictionary<string, TierTable>> _tables;

    private TierCatalog(Dictionary<(ExchangeId, ContractKind), IReadOnlyDictionary<string, TierTable>> tables) => _tables = tables;

    /// <summary>An empty catalog: every symbol falls back. For tests that state their own tables.</summary>
    public static TierCatalog Empty { get; } = new([]);

    /// <summary>
    /// Reads the dated tables embedded in this assembly (<c>Data/*.csv</c>: binance-linear,
    /// binance-inverse, bybit-linear, bybit-inverse, okx-linear). The assembly's own data is the
    /// only thing the engine ever reads.
    /// </summary>
    public static TierCatalog LoadBundled()
    {
        var assembly = typeof(TierCatalog).Assembly;
        var tables = new Dictionary<(ExchangeId, ContractKind), IReadOnlyDictionary<string, TierTable>>();
        foreach (var exchange in ExchangeProfile.All)
        {
            foreach (var kind in new[] { ContractKind.Linear, ContractKind.Inverse })
            {
                var text = ReadResource(assembly, $"MarginBot.Engine.Data.{exchange.Name.ToLowerInvariant()}-{kind.ToString().ToLowerInvariant()}.csv");
                if (text is not null)
                {
                    tables[(exchange.Id, kind)] = TierCsv.Parse(text, TierSource.Bundled, exchange.TierEdge);
                }
            }
        }

        return new TierCatalog(tables);
    }

    /// <summary>How many symbols have a bundled table for the exchange and kind.</summary>
    public int Count(ExchangeId exchange, ContractKind kind) =>
        _tables.TryGetValue((exchange, kind), out var bySymbol) ? bySymbol.Count : 0;

    /// <summary>The symbols with a table for the exchange and kind, sorted.</summary>
    public IReadOnlyList<string> Symbols(ExchangeId exchange, ContractKind kind) =>
        _tables.TryGetValue((exchange, kind), out var bySymbol) ? [.. bySymbol.Keys.Order(StringComparer.Ordinal)] : [];

    /// <summary>True when a real (non-fallback) table exists for the symbol.</summary>
    public bool Knows(ExchangeId exchange, ContractKind kind, string symbol) =>
        _tables.TryGetValue((exchange, kind), out var bySymbol) && bySymbol.ContainsKey(symbol);

    /// <summary>The table for the symbol, or <see cref="FallbackTiers"/>' default when none is known.</summary>
    public TierTable Resolve(ExchangeId exchange, ContractKind kind, string symbol) =>
        _tables.TryGetValue((exchange, kind), out var bySymbol) && bySymbol.TryGetValue(symbol, out var table)
            ? table
            : FallbackTiers.For(symbol, kind, ExchangeProfile.Of(exchange).TierEdge);

    private static string? ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
