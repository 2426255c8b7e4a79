using System.Globalization;
using System.Text.Json;
using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.MarketData.Exchanges;

/// <summary>
/// Binance USDⓈ-M futures, public endpoints only.
/// Mark price and funding: <c>GET /fapi/v1/premiumIndex?symbol=BTCUSDT</c> (weight 1 with a symbol),
/// https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Mark-Price
/// — fields <c>markPrice</c>, <c>lastFundingRate</c> (strings), <c>nextFundingTime</c> (number, ms).
/// Every symbol's mark at once: the same endpoint without <c>symbol</c> answers an array of those objects
/// (weight 10 instead of 1; the limit is 2,400 weight a minute per IP).
/// Errors: an HTTP 4xx with <c>{"code":-1121,"msg":"Invalid symbol."}</c>; <c>-1003</c> is "too many requests".
/// Tiers: Binance's <c>/fapi/v1/leverageBracket</c> needs an API key, so none are fetched and the bundled table applies.
/// </summary>
internal sealed class BinanceAdapter(ExchangeHttp http) : IExchangeAdapter
{
    public ExchangeId Exchange => ExchangeId.Binance;

    public static ExchangeError? ErrorOf(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt64(out var number)
            && root.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String)
        {
            return new ExchangeError($"{msg.GetString()} (code {number.ToString(CultureInfo.InvariantCulture)})", number == -1003);
        }

        return null;
    }

    public async Task<MarkPrice> GetMarkPriceAsync(string symbol, CancellationToken deadline)
    {
        var index = await PremiumIndexAsync(symbol, deadline);
        return new MarkPrice(JsonRead.Decimal(index, "markPrice", http.Name));
    }

    public async Task<IReadOnlyDictionary<string, MarkPrice>> GetAllMarkPricesAsync(CancellationToken deadline) =>
        JsonRead.Marks(await http.GetAsync("/fapi/v1/premiumIndex", deadline), "symbol", "markPrice", static s => MarketDataService.IsLiveSymbol(s) ? s : null, http.Name);

    public async Task<FundingRate> GetFundingRateAsync(string symbol, CancellationToken deadline) =>
        FundingOf(await PremiumIndexAsync(symbol, deadline), http.Name);

    public Task<TierTable> GetTierTableAsync(string symbol, CancellationToken deadline) => throw SignedTiers();

    /// <summary>The funding of a premium-index object; USDⓈ-M and COIN-M send the same fields.</summary>
    internal static FundingRate FundingOf(JsonElement index, string exchange) =>
        new(JsonRead.Decimal(index, "lastFundingRate", exchange), JsonRead.UnixMilliseconds(index, "nextFundingTime", exchange));

    /// <summary>Both Binance APIs publish tier tables (leverage brackets) to signed requests only.</summary>
    internal static MarketDataUnavailableException SignedTiers() =>
        new("Binance shows its tier tables only to signed requests; the bundled table applies");

    private async Task<JsonElement> PremiumIndexAsync(string symbol, CancellationToken deadline)
    {
        var root = await http.GetAsync($"/fapi/v1/premiumIndex?symbol={Uri.EscapeDataString(symbol)}", deadline);
        if (!string.Equals(JsonRead.String(root, "symbol", http.Name), symbol, StringComparison.Ordinal))
        {
            throw new MarketDataUnavailableException($"{http.Name} answered for another symbol than {symbol}");
        }

        return root;
    }
}
