using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.Conversations.Input;

/// <summary>Which symbols MarginBot treats as real perpetuals.</summary>
public static class SymbolCatalog
{
    /// <summary>
    /// True when some exchange's bundled table knows the symbol, or, for an inverse symbol
    /// (<c>BTCUSD</c>), its USDT-margined twin (<c>BTCUSDT</c>). A listed symbol without a table on
    /// the chosen exchange gets the conservative fallback; an unlisted one is a typo until the user
    /// gives its tiers.
    /// </summary>
    public static bool IsListed(TierCatalog catalog, string symbol, ContractKind kind)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return ExchangeProfile.All.Any(e => catalog.Knows(e.Id, kind, symbol))
            || (kind == ContractKind.Inverse && IsListed(catalog, symbol + "T", ContractKind.Linear));
    }
}
