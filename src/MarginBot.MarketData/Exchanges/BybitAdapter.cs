using System.Globalization;
using System.Text.Json;
using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;

namespace MarginBot.MarketData.Exchanges;

/// <summary>
/// Bybit v5, USDT perpetuals (<c>category=linear</c>), public endpoints only. Every answer is
/// <c>{"retCode":0,"retMsg":"OK","result":{…}}</c>; a non-zero <c>retCode</c> is an error (10006: too many requests).
/// Mark price and funding: <c>GET /v5/market/tickers?category=linear&amp;symbol=BTCUSDT</c>,
/// https://bybit-exchange.github.io/docs/v5/market/tickers — <c>markPrice</c>, <c>fundingRate</c>, <c>nextFundingTime</c> (ms, a string).
/// Every symbol's mark at once: the same endpoint without <c>symbol</c> lists every linear contract
/// (USDT and USDC perpetuals, dated futures; only the USDT perpetuals are kept).
/// Tiers: <c>GET /v5/market/risk-limit?category=linear&amp;symbol=BTCUSDT</c>,
/// https://bybit-exchange.github.io/docs/v5/market/risk-limit — per risk id: <c>riskLimitValue</c> (the tier's cap,
/// USDT), <c>maintenanceMargin</c> (a rate), <c>mmDeduction</c> ("" on the first tier), <c>maxLeverage</c>.
/// </summary>
internal sealed class BybitAdapter(ExchangeHttp http) : IExchangeAdapter
{
    public ExchangeId Exchange => ExchangeId.Bybit;

    public static ExchangeError? ErrorOf(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("retCode", out var code) && code.ValueKind == JsonValueKind.Number
            && code.TryGetInt64(out var number) && number != 0)
        {
            var message = root.TryGetProperty("retMsg", out var msg) && msg.ValueKind == JsonValueKind.String ? msg.GetString() : "an error";
            return new ExchangeError($"{message} (retCode {number.ToString(CultureInfo.InvariantCulture)})", number is 10006 or 10018);
        }

        return null;
    }

    public async Task<MarkPrice> GetMarkPriceAsync(string symbol, CancellationToken deadline)
    {
        var ticker = await TickerAsync(symbol, deadline);
        return new MarkPrice(JsonRead.Decimal(ticker, "markPrice", http.Name));
    }

    public async Task<IReadOnlyDictionary<string, MarkPrice>> GetAllMarkPricesAsync(CancellationToken deadline)
    {
        var root = await http.GetAsync("/v5/market/tickers?category=linear", deadline);
        return JsonRead.Marks(JsonRead.Property(JsonRead.Property(root, "result", http.Name), "list", http.Name), "symbol", "markPrice", static s => MarketDataService.IsLiveSymbol(s) ? s : null, http.Name);
    }

    public async Task<FundingRate> GetFundingRateAsync(string symbol, CancellationToken deadline)
    {
        var ticker = await TickerAsync(symbol, deadline);
        return new FundingRate(
            JsonRead.Decimal(ticker, "fundingRate", http.Name),
            JsonRead.UnixMilliseconds(ticker, "nextFundingTime", http.Name));
    }

    public async Task<TierTable> GetTierTableAsync(string symbol, CancellationToken deadline)
    {
        var rows = (await ListAsync($"/v5/market/risk-limit?category=linear&symbol={Uri.EscapeDataString(symbol)}", symbol, deadline))
            .Select(row => (
                Cap: JsonRead.Decimal(row, "riskLimitValue", http.Name),
                Rate: JsonRead.Decimal(row, "maintenanceMargin", http.Name),
                Deduction: JsonRead.OptionalDecimal(row, "mmDeduction", http.Name) ?? 0m,
                MaxLeverage: JsonRead.OptionalDecimal(row, "maxLeverage", http.Name)))
            .OrderBy(row => row.Cap)
            .ToList();
        var tiers = new List<MarginTier>(rows.Count);
        var floor = 0m;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Cap <= floor || row.Rate is < 0m or >= 1m || row.Deduction < 0m || row.MaxLeverage is <= 0m)
            {
                throw JsonRead.Unreadable(http.Name, "riskLimitValue");
            }

            // Bybit's last risk limit is the largest position allowed; the engine keeps its rate beyond it.
            decimal? cap = i == rows.Count - 1 ? null : row.Cap;
            tiers.Add(new MarginTier(i + 1, floor, cap, row.Rate, row.Deduction, row.MaxLeverage));
            floor = row.Cap;
        }

        return new TierTable(symbol, TierBasis.QuoteNotional, tiers, TierSource.Live, "live", ExchangeProfile.Bybit.TierEdge);
    }

    private async Task<JsonElement> TickerAsync(string symbol, CancellationToken deadline) =>
        (await ListAsync($"/v5/market/tickers?category=linear&symbol={Uri.EscapeDataString(symbol)}", symbol, deadline))[0];

    // The rows of result.list that belong to the symbol; at least one.
    private async Task<IReadOnlyList<JsonElement>> ListAsync(string pathAndQuery, string symbol, CancellationToken deadline)
    {
        var root = await http.GetAsync(pathAndQuery, deadline);
        var result = JsonRead.Property(root, "result", http.Name);
        var rows = JsonRead.Array(result, "list", http.Name).EnumerateArray()
            .Where(row => row.ValueKind == JsonValueKind.Object
                && row.TryGetProperty("symbol", out var s) && s.ValueKind == JsonValueKind.String
                && string.Equals(s.GetString(), symbol, StringComparison.Ordinal))
            .ToList();
        return rows.Count > 0 ? rows : throw new MarketDataUnavailableException($"{http.Name} does not list {symbol}");
    }
}
