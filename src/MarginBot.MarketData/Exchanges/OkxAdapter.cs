using System.Text.Json;
using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.MarketData.Exchanges;

/// <summary>
/// OKX v5, USDT-margined perpetual swaps, public endpoints only (https://www.okx.com/docs-v5/en/).
/// Every answer is <c>{"code":"0","msg":"","data":[…]}</c>; any other <c>code</c> is an error (50011: too many requests).
/// Mark price: <c>GET /api/v5/public/mark-price?instType=SWAP&amp;instId=BTC-USDT-SWAP</c> — <c>markPx</c>.
/// Every swap's mark at once: the same endpoint without <c>instId</c> (USD-margined swaps are left out).
/// Funding: <c>GET /api/v5/public/funding-rate?instId=BTC-USDT-SWAP</c> — <c>fundingRate</c> is the rate
/// settled at <c>fundingTime</c> (the next settlement; <c>nextFundingTime</c> is the one after).
/// Tiers: <c>GET /api/v5/public/position-tiers?instType=SWAP&amp;tdMode=cross&amp;instFamily=BTC-USDT</c> —
/// <c>tier</c>, <c>maxSz</c> (contracts), <c>mmr</c>, <c>maxLever</c>; sizes become coin with the contract
/// value <c>ctVal</c> of <c>GET /api/v5/public/instruments?instType=SWAP&amp;instId=BTC-USDT-SWAP</c>.
/// </summary>
internal sealed class OkxAdapter(ExchangeHttp http) : IExchangeAdapter
{
    public ExchangeId Exchange => ExchangeId.Okx;

    public static ExchangeError? ErrorOf(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
            && !string.Equals(code.GetString(), "0", StringComparison.Ordinal))
        {
            var message = root.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String && msg.GetString()!.Length > 0
                ? msg.GetString()
                : "an error";
            return new ExchangeError($"{message} (code {code.GetString()})", string.Equals(code.GetString(), "50011", StringComparison.Ordinal));
        }

        return null;
    }

    public async Task<MarkPrice> GetMarkPriceAsync(string symbol, CancellationToken deadline)
    {
        var instrument = OkxInstrument.FromSymbol(symbol);
        var row = await RowAsync($"/api/v5/public/mark-price?instType=SWAP&instId={instrument.InstrumentId}", instrument, deadline);
        return new MarkPrice(JsonRead.Decimal(row, "markPx", http.Name));
    }

    public async Task<IReadOnlyDictionary<string, MarkPrice>> GetAllMarkPricesAsync(CancellationToken deadline) =>
        JsonRead.Marks(
            JsonRead.Property(await http.GetAsync("/api/v5/public/mark-price?instType=SWAP", deadline), "data", http.Name),
            "instId",
            "markPx",
            static id => OkxInstrument.TryFromInstrumentId(id, out var instrument) && MarketDataService.IsLiveSymbol(instrument.Symbol) ? instrument.Symbol : null,
            http.Name);

    public async Task<FundingRate> GetFundingRateAsync(string symbol, CancellationToken deadline)
    {
        var instrument = OkxInstrument.FromSymbol(symbol);
        var row = await RowAsync($"/api/v5/public/funding-rate?instId={instrument.InstrumentId}", instrument, deadline);
        return new FundingRate(
            JsonRead.Decimal(row, "fundingRate", http.Name),
            JsonRead.UnixMilliseconds(row, "fundingTime", http.Name));
    }

    public async Task<TierTable> GetTierTableAsync(string symbol, CancellationToken deadline)
    {
        var instrument = OkxInstrument.FromSymbol(symbol);
        var contractValue = await ContractValueAsync(instrument, deadline);
        var root = await http.GetAsync($"/api/v5/public/position-tiers?instType=SWAP&tdMode=cross&instFamily={instrument.Family}", deadline);
        var rows = JsonRead.Array(root, "data", http.Name).EnumerateArray()
            .Where(row => row.ValueKind == JsonValueKind.Object
                && row.TryGetProperty("instFamily", out var family) && family.ValueKind == JsonValueKind.String
                && string.Equals(family.GetString(), instrument.Family, StringComparison.Ordinal))
            .Select(row => (
                Tier: JsonRead.Int64(row, "tier", http.Name),
                MaxContracts: JsonRead.Decimal(row, "maxSz", http.Name),
                Rate: JsonRead.Decimal(row, "mmr", http.Name),
                MaxLeverage: JsonRead.OptionalDecimal(row, "maxLever", http.Name)))
            .OrderBy(row => row.Tier)
            .ToList();
        if (rows.Count == 0)
        {
            throw new MarketDataUnavailableException($"{http.Name} lists no position tiers for {instrument.InstrumentId}");
        }

        var tiers = new List<MarginTier>(rows.Count);
        var floor = 0m;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var capInCoin = row.MaxContracts * contractValue;
            if (capInCoin <= floor || row.Rate is < 0m or >= 1m || row.MaxLeverage is <= 0m)
            {
                throw JsonRead.Unreadable(http.Name, "maxSz");
            }

            // OKX's next tier starts one lot above maxSz, so maxSz belongs to its tier: the table is
            // cap-inclusive (ExchangeProfile.Okx.TierEdge) and its tiers meet at the cap. The last
            // maxSz is the largest position allowed, and the engine keeps its rate beyond it.
            decimal? cap = i == rows.Count - 1 ? null : capInCoin;
            tiers.Add(new MarginTier(i + 1, floor, cap, row.Rate, 0m, row.MaxLeverage));
            floor = capInCoin;
        }

        return new TierTable(symbol, TierBasis.BaseQuantity, tiers, TierSource.Live, "live", ExchangeProfile.Okx.TierEdge);
    }

    // Coin per contract: 0.01 BTC for BTC-USDT-SWAP. It must be in the coin of the symbol.
    private async Task<decimal> ContractValueAsync(OkxInstrument instrument, CancellationToken deadline)
    {
        var row = await RowAsync($"/api/v5/public/instruments?instType=SWAP&instId={instrument.InstrumentId}", instrument, deadline);
        var currency = JsonRead.String(row, "ctValCcy", http.Name);
        var value = JsonRead.Decimal(row, "ctVal", http.Name);
        return value > 0m && string.Equals(currency, instrument.BaseAsset, StringComparison.Ordinal)
            ? value
            : throw JsonRead.Unreadable(http.Name, "ctVal");
    }

    private async Task<JsonElement> RowAsync(string pathAndQuery, OkxInstrument instrument, CancellationToken deadline)
    {
        var root = await http.GetAsync(pathAndQuery, deadline);
        foreach (var row in JsonRead.Array(root, "data", http.Name).EnumerateArray())
        {
            if (row.ValueKind == JsonValueKind.Object && row.TryGetProperty("instId", out var id) && id.ValueKind == JsonValueKind.String
                && string.Equals(id.GetString(), instrument.InstrumentId, StringComparison.Ordinal))
            {
                return row;
            }
        }

        throw new MarketDataUnavailableException($"{http.Name} does not list {instrument.InstrumentId}");
    }
}
