using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Exchanges;

/// <summary>
/// What the engine needs to know about one exchange: its published default fees, funding interval,
/// how its tier tables are measured and which liquidation formulas apply. Sources and dates are in
/// docs/formulas.md.
/// </summary>
public sealed record ExchangeProfile
{
    private ExchangeProfile(ExchangeId id, string name, FeeSchedule defaultFees, TierBasis linearTierBasis, TierEdge tierEdge, string isolatedFormula, string crossFormula)
    {
        TierEdge = tierEdge;
        Id = id;
        Name = name;
        DefaultFees = defaultFees;
        LinearTierBasis = linearTierBasis;
        IsolatedFormula = isolatedFormula;
        CrossFormula = crossFormula;
    }

    /// <summary>Binance USDⓈ-M / COIN-M: base-tier fees 0.05% taker, 0.02% maker; closed-form LP with the tier at the LP.</summary>
    public static ExchangeProfile Binance { get; } = new(
        ExchangeId.Binance, "Binance", new FeeSchedule(0.0005m, 0.0002m), TierBasis.QuoteNotional, TierEdge.FloorInclusive,
        "binance-closed-form", "binance-closed-form");

    /// <summary>Bybit: base-tier fees 0.055% / 0.02%; isolated maintenance margin valued at entry; cross solved at account level.</summary>
    public static ExchangeProfile Bybit { get; } = new(
        ExchangeId.Bybit, "Bybit", new FeeSchedule(0.00055m, 0.0002m), TierBasis.QuoteNotional, TierEdge.CapInclusive,
        "bybit-isolated", "account-level-numeric");

    /// <summary>OKX: base-tier fees 0.05% / 0.02%; tiers by size; liquidation fee in the requirement; cross solved at account level.</summary>
    public static ExchangeProfile Okx { get; } = new(
        ExchangeId.Okx, "OKX", new FeeSchedule(0.0005m, 0.0002m), TierBasis.BaseQuantity, TierEdge.CapInclusive,
        "okx-isolated", "account-level-numeric");

    /// <summary>Every supported exchange.</summary>
    public static IReadOnlyList<ExchangeProfile> All { get; } = [Binance, Bybit, Okx];

    /// <summary>Which exchange.</summary>
    public ExchangeId Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Published base-tier fee rates; users may override them.</summary>
    public FeeSchedule DefaultFees { get; }

    /// <summary>Hours between funding payments. All three settle every 8 hours on their major perpetuals.</summary>
    public int FundingIntervalHours { get; } = 8;

    /// <summary>How the exchange's linear tier tables are measured (inverse ones: <see cref="TierBasisFor"/>).</summary>
    public TierBasis LinearTierBasis { get; }

    /// <summary>
    /// Which tier a position exactly on an edge belongs to: Binance floors inclusive (immaterial
    /// for maintenance margin, which its amounts keep continuous), Bybit and OKX caps inclusive.
    /// </summary>
    public TierEdge TierEdge { get; }

    /// <summary>Name of the isolated liquidation formula, shown with every answer.</summary>
    public string IsolatedFormula { get; }

    /// <summary>Name of the cross liquidation method, shown with every answer.</summary>
    public string CrossFormula { get; }

    /// <summary>
    /// The tier basis for a contract kind on this exchange: inverse tables are in coin notional,
    /// except OKX's, which count contracts as its linear ones count size.
    /// </summary>
    public TierBasis TierBasisFor(ContractKind kind) => kind switch
    {
        ContractKind.Inverse when Id == ExchangeId.Okx => TierBasis.Contracts,
        ContractKind.Inverse => TierBasis.BaseNotional,
        _ => LinearTierBasis,
    };

    /// <summary>
    /// The usual USD face value of one inverse contract: Binance COIN-M 100 for BTC and 10 for other
    /// coins; Bybit 1; OKX 100 for BTC and 10 for other coins.
    /// </summary>
    public decimal DefaultInverseContractSize(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (Id == ExchangeId.Bybit)
        {
            return 1m;
        }

        return symbol.StartsWith("BTC", StringComparison.Ordinal) ? 100m : 10m;
    }

    /// <summary>The profile of <paramref name="id"/>.</summary>
    public static ExchangeProfile Of(ExchangeId id) => id switch
    {
        ExchangeId.Binance => Binance,
        ExchangeId.Bybit => Bybit,
        ExchangeId.Okx => Okx,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown exchange."),
    };

    /// <summary>Finds a profile by its lower-case name (<c>binance</c>, <c>bybit</c>, <c>okx</c>).</summary>
    public static bool TryParse(string? name, out ExchangeProfile profile)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                profile = candidate;
                return true;
            }
        }

        profile = Binance;
        return false;
    }
}
