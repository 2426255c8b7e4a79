using System.Text.Json;
using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.MarketData.Exchanges;

/// <summary>
/// Binance COIN-M futures, the inverse perpetuals: MarginBot's <c>BTCUSD</c> is <c>BTCUSD_PERP</c>.
/// Mark price and funding: <c>GET /dapi/v1/premiumIndex?symbol=BTCUSD_PERP</c>,
/// https://developers.binance.com/docs/derivatives/coin-margined-futures/market-data/rest-api/Index-Price-and-Mark-Price
/// — an array even for one symbol; fields <c>symbol</c>, <c>markPrice</c> (USD per coin),
/// <c>lastFundingRate</c> (strings), <c>nextFundingTime</c> (number, ms). Without <c>symbol</c> it lists
/// every COIN-M contract, dated ones (<c>BTCUSD_260327</c>) included. Errors as on USDⓈ-M.
/// Tiers: <c>/dapi/v2/leverageBracket</c> needs an API key; the bundled table applies.
/// </summary>
internal sealed class BinanceCoinMAdapter(ExchangeHttp http) : IExchangeAdapter
{
    private const string Perpetual = "_PERP";

    public ExchangeId Exchange => ExchangeId.Binance;

    public async Task<MarkPrice> GetMarkPriceAsync(string symbol, CancellationToken deadline) =>
        new(JsonRead.Decimal(await PremiumIndexAsync(symbol, deadline), "markPrice", http.Name));

    public async Task<IReadOnlyDictionary<string, MarkPrice>> GetAllMarkPricesAsync(CancellationToken deadline) =>
        JsonRead.Marks(await http.GetAsync("/dapi/v1/premiumIndex", deadline), "symbol", "markPrice",
            static id => id.EndsWith(Perpetual, StringComparison.Ordinal) && MarketDataService.IsInverseSymbol(id[..^Perpetual.Length]) ? id[..^Perpetual.Length] : null,
            http.Name);

    public async Task<FundingRate> GetFundingRateAsync(string symbol, CancellationToken deadline) =>
        BinanceAdapter.FundingOf(await PremiumIndexAsync(symbol, deadline), http.Name);

    public Task<TierTable> GetTierTableAsync(string symbol, CancellationToken deadline) => throw BinanceAdapter.SignedTiers();

    private async Task<JsonElement> PremiumIndexAsync(string symbol, CancellationToken deadline)
    {
        var contract = symbol + Perpetual;
        var root = await http.GetAsync($"/dapi/v1/premiumIndex?symbol={Uri.EscapeDataString(contract)}", deadline);
        foreach (var row in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : throw JsonRead.Unreadable(http.Name, "symbol"))
        {
            if (row.ValueKind == JsonValueKind.Object && row.TryGetProperty("symbol", out var s) && s.ValueKind == JsonValueKind.String
                && string.Equals(s.GetString(), contract, StringComparison.Ordinal))
            {
                return row;
            }
        }

        throw new MarketDataUnavailableException($"{http.Name} does not list {contract}");
    }
}
