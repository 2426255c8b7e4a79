namespace MarginBot.MarketData.Exchanges;

/// <summary>
/// OKX's names for a USDT-margined perpetual: MarginBot's <c>BTCUSDT</c> is instrument
/// <c>BTC-USDT-SWAP</c> of instrument family <c>BTC-USDT</c>.
/// </summary>
internal sealed record OkxInstrument(string BaseAsset)
{
    public string Family => BaseAsset + "-USDT";

    public string InstrumentId => BaseAsset + "-USDT-SWAP";

    public string Symbol => BaseAsset + "USDT";

    /// <summary>From MarginBot's symbol (<c>BTCUSDT</c>).</summary>
    public static OkxInstrument FromSymbol(string symbol) =>
        symbol.Length > 4 && symbol.EndsWith("USDT", StringComparison.Ordinal)
            ? new OkxInstrument(symbol[..^4])
            : throw new ArgumentException($"'{symbol}' is not a USDT-margined symbol.", nameof(symbol));

    /// <summary>From an OKX instrument id (<c>BTC-USDT-SWAP</c>); false for anything else.</summary>
    public static bool TryFromInstrumentId(string? instrumentId, out OkxInstrument instrument)
    {
        instrument = new OkxInstrument(string.Empty);
        if (instrumentId is null || !instrumentId.EndsWith("-USDT-SWAP", StringComparison.Ordinal))
        {
            return false;
        }

        var coin = instrumentId[..^"-USDT-SWAP".Length];
        if (coin.Length == 0 || !coin.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        instrument = new OkxInstrument(coin);
        return true;
    }
}
