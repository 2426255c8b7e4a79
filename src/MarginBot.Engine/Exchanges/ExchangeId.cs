namespace MarginBot.Engine.Exchanges;

/// <summary>The exchanges whose published margin rules the engine follows.</summary>
public enum ExchangeId
{
    /// <summary>Binance USDⓈ-M and COIN-M futures.</summary>
    Binance,

    /// <summary>Bybit USDT perpetuals and inverse perpetuals.</summary>
    Bybit,

    /// <summary>OKX USDT and coin-margined swaps.</summary>
    Okx,
}
