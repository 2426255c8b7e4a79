using MarginBot.Engine.Contracts;
using MarginBot.Engine.Tiers;

namespace MarginBot.Engine.Exchanges;

/// <summary>
/// What the engine needs to know about one exchange: its published default fees, funding interval,
/// how its tier tables are measured and which liquidation formulas apply. Each profile reads these
/// from the exchange's one rules object; <see cref="All"/> is the registry every list of exchanges
/// and every look-up comes from. Sources and dates are in docs/formulas.md.
/// </summary>
public sealed record ExchangeProfile
{
    private ExchangeProfile(ExchangeRules rules) => Rules = rules;

    /// <summary>Binance USDⓈ-M / COIN-M: base-tier fees 0.05% taker, 0.02% maker; closed-form LP with the tier at the LP.</summary>
    public static ExchangeProfile Binance { get; } = new(new BinanceRules());

    /// <summary>Bybit: base-tier fees 0.055% / 0.02%; isolated maintenance margin valued at entry; cross solved at account level.</summary>
    public static ExchangeProfile Bybit { get; } = new(new BybitRules());

    /// <summary>OKX: base-tier fees 0.05% / 0.02%; tiers by size; liquidation fee in the requirement; cross solved at account level.</summary>
    public static ExchangeProfile Okx { get; } = new(new OkxRules());

    /// <summary>
    /// Every supported exchange, in the order lists show them: the registry. A new exchange is one
    /// rules object and one entry here.
    /// </summary>
    public static IReadOnlyList<ExchangeProfile> All { get; } = [Binance, Bybit, Okx];

    /// <summary>Which exchange.</summary>
    public ExchangeId Id => Rules.Id;

    /// <summary>Display name.</summary>
    public string Name => Rules.Name;

    /// <summary>Published base-tier fee rates; users may override them.</summary>
    public FeeSchedule DefaultFees => Rules.DefaultFees;

    /// <summary>Hours between funding payments. All three settle every 8 hours on their major perpetuals.</summary>
    public int FundingIntervalHours => Rules.FundingIntervalHours;

    /// <summary>How the exchange's linear tier tables are measured (inverse ones: <see cref="TierBasisFor"/>).</summary>
    public TierBasis LinearTierBasis => Rules.LinearTierBasis;

    /// <summary>
    /// Which tier a position exactly on an edge belongs to: Binance floors inclusive (immaterial
    /// for maintenance margin, which its amounts keep continuous), Bybit and OKX caps inclusive.
    /// </summary>
    public TierEdge TierEdge => Rules.TierEdge;

    /// <summary>Name of the isolated liquidation formula, shown with every answer.</summary>
    public string IsolatedFormula => Rules.IsolatedFormula;

    /// <summary>Name of the cross liquidation method, shown with every answer.</summary>
    public string CrossFormula => Rules.CrossFormula;

    /// <summary>The exchange's rules: <see cref="Liquidation.MarginRules"/> hands every formula to them.</summary>
    internal ExchangeRules Rules { get; }

    /// <summary>
    /// The tier basis for a contract kind on this exchange: inverse tables are in coin notional,
    /// except OKX's, which count contracts as its linear ones count size.
    /// </summary>
    public TierBasis TierBasisFor(ContractKind kind) => kind == ContractKind.Inverse ? Rules.InverseTierBasis : Rules.LinearTierBasis;

    /// <summary>
    /// The usual USD face value of one inverse contract: Binance COIN-M 100 for BTC and 10 for other
    /// coins; Bybit 1; OKX 100 for BTC and 10 for other coins.
    /// </summary>
    public decimal DefaultInverseContractSize(string symbol) => Rules.DefaultInverseContractSize(symbol);

    /// <summary>The profile of <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No exchange of <see cref="All"/> has that id.</exception>
    public static ExchangeProfile Of(ExchangeId id)
    {
        foreach (var candidate in All)
        {
            if (candidate.Id == id)
            {
                return candidate;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown exchange.");
    }

    /// <summary>
    /// Finds a profile by its name in any case (<c>binance</c>, <c>bybit</c>, <c>okx</c>) or one of
    /// its aliases; <paramref name="profile"/> is <see cref="Binance"/> when none matches.
    /// </summary>
    public static bool TryParse(string? name, out ExchangeProfile profile)
    {
        var word = name?.Trim();
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, word, StringComparison.OrdinalIgnoreCase)
                || candidate.Rules.Aliases.Contains(word, StringComparer.OrdinalIgnoreCase))
            {
                profile = candidate;
                return true;
            }
        }

        profile = Binance;
        return false;
    }
}
