namespace MarginBot.Engine.Tiers;

/// <summary>Where a tier table came from, so that an answer can say what it rests on.</summary>
public enum TierSource
{
    /// <summary>A dated table shipped with MarginBot.</summary>
    Bundled,

    /// <summary>Given by the user (a portfolio file's <c>tiers</c>, or <c>--mmr</c>).</summary>
    Override,

    /// <summary>Fetched from the exchange's public API.</summary>
    Live,

    /// <summary>No table was known for the symbol: MarginBot's conservative default. Every answer says so.</summary>
    Fallback,
}

/// <summary>
/// Which tier a value lying exactly on an edge between two tiers belongs to. The exchanges differ,
/// and where a table has no maintenance amount (OKX) the requirement jumps at the edge, so the
/// convention moves liquidation prices (sources in docs/formulas.md).
/// </summary>
public enum TierEdge
{
    /// <summary>An edge value belongs to the higher tier: floors inclusive, caps exclusive (Binance).</summary>
    FloorInclusive,

    /// <summary>
    /// An edge value belongs to the lower tier: caps inclusive. OKX (a tier's <c>maxSz</c> is in it;
    /// the next tier starts one lot above) and Bybit (a risk limit's value is the most the tier holds).
    /// </summary>
    CapInclusive,
}

/// <summary>
/// The maintenance-margin tiers of one symbol on one exchange, ordered by floor. The first tier
/// also covers values below its floor and the last one values above its cap: a position that grows
/// past the last cap on its way to liquidation keeps the last tier's rate.
/// </summary>
public sealed class TierTable
{
    private readonly MarginTier[] _tiers;

    // The caps as plain decimals (the last one unbounded): the look-up is on every hot path.
    private readonly decimal[] _caps;

    /// <summary>Creates a table; tiers must be non-empty, ordered and contiguous.</summary>
    public TierTable(string symbol, TierBasis basis, IEnumerable<MarginTier> tiers, TierSource source, string asOf, TierEdge edge)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        _tiers = [.. tiers];
        if (_tiers.Length == 0)
        {
            throw new ArgumentException($"The tier table of {symbol} is empty.", nameof(tiers));
        }

        for (var i = 1; i < _tiers.Length; i++)
        {
            if (_tiers[i - 1].Cap is not { } cap || cap != _tiers[i].Floor)
            {
                throw new ArgumentException($"The tiers of {symbol} are not contiguous at tier {_tiers[i].Number}.", nameof(tiers));
            }
        }

        _caps = [.. _tiers.Select((tier, i) => i == _tiers.Length - 1 ? decimal.MaxValue : tier.Cap!.Value)];
        Symbol = symbol;
        Basis = basis;
        Source = source;
        AsOf = asOf;
        Edge = edge;
    }

    /// <summary>The symbol the table belongs to.</summary>
    public string Symbol { get; }

    /// <summary>What floors and caps measure.</summary>
    public TierBasis Basis { get; }

    /// <summary>Bundled, override, live or fallback.</summary>
    public TierSource Source { get; }

    /// <summary>The date the figures were read, ISO 8601 (<c>2024-10-24</c>), or a short description.</summary>
    public string AsOf { get; }

    /// <summary>Which tier a value exactly on an edge belongs to: the exchange's convention.</summary>
    public TierEdge Edge { get; }

    /// <summary>The tiers, smallest first.</summary>
    public IReadOnlyList<MarginTier> Tiers => _tiers;

    /// <summary>True when the answer rests on MarginBot's default rather than the exchange's table.</summary>
    public bool IsFallback => Source == TierSource.Fallback;

    /// <summary>Index into <see cref="Tiers"/> of the tier holding <paramref name="value"/> (in the table's basis).</summary>
    public int IndexAt(decimal value)
    {
        // Tables are short (at most a few dozen rows): a linear scan from the bottom beats a binary search.
        var caps = _caps;
        var last = caps.Length - 1;
        if (Edge == TierEdge.CapInclusive)
        {
            for (var i = 0; i < last; i++)
            {
                if (value <= caps[i])
                {
                    return i;
                }
            }

            return last;
        }

        for (var i = 0; i < last; i++)
        {
            if (value < caps[i])
            {
                return i;
            }
        }

        return last;
    }

    /// <summary>The tier holding <paramref name="value"/> (in the table's basis).</summary>
    public MarginTier At(decimal value) => _tiers[IndexAt(value)];

    /// <summary>True when <paramref name="value"/> lies in tier <paramref name="index"/>, open-ended at both ends of the table.</summary>
    public bool Contains(int index, decimal value)
    {
        var tier = _tiers[index];
        var capInclusive = Edge == TierEdge.CapInclusive;
        var aboveFloor = index == 0 || (capInclusive ? value > tier.Floor : value >= tier.Floor);
        var belowCap = index == _tiers.Length - 1 || (capInclusive ? value <= tier.Cap : value < tier.Cap);
        return aboveFloor && belowCap;
    }

    /// <summary>A copy with another source, for tables fetched live or given by the user.</summary>
    public TierTable WithSource(TierSource source, string asOf) => new(Symbol, Basis, _tiers, source, asOf, Edge);

    /// <summary>A one-tier table, as <c>--mmr 0.004 --maintenance-amount 0</c> describes.</summary>
    public static TierTable OneTier(string symbol, TierBasis basis, decimal maintenanceMarginRate, decimal maintenanceAmount, decimal? maxLeverage) =>
        new(symbol, basis, [new MarginTier(1, 0m, null, maintenanceMarginRate, maintenanceAmount, maxLeverage)], TierSource.Override, "given", TierEdge.FloorInclusive);
}
