namespace MarginBot.Engine.Contracts;

/// <summary>Linear (quote-margined) or inverse (coin-margined) perpetual.</summary>
public enum ContractKind
{
    /// <summary>USDT-margined; size in the base asset; PnL and margin in the quote asset.</summary>
    Linear,

    /// <summary>Coin-margined; size in contracts worth a fixed amount of USD each; PnL and margin in the coin.</summary>
    Inverse,
}

/// <summary>
/// What one unit of a position's quantity is. For linear contracts the quantity is in the base asset
/// (<see cref="ContractSize"/> is 1); for inverse contracts it counts contracts of
/// <see cref="ContractSize"/> USD each (Binance COIN-M BTCUSD: 100).
/// </summary>
public readonly record struct ContractSpec
{
    /// <summary>Creates a contract description; the size must be positive.</summary>
    public ContractSpec(ContractKind kind, decimal contractSize)
    {
        if (contractSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(contractSize), contractSize, "A contract size must be positive.");
        }

        Kind = kind;
        ContractSize = contractSize;
    }

    /// <summary>A linear contract: quantity in the base asset.</summary>
    public static ContractSpec Linear { get; } = new(ContractKind.Linear, 1m);

    /// <summary>An inverse contract of the given USD face value.</summary>
    public static ContractSpec Inverse(decimal contractSizeUsd) => new(ContractKind.Inverse, contractSizeUsd);

    /// <summary>Linear or inverse.</summary>
    public ContractKind Kind { get; }

    /// <summary>USD per contract for inverse contracts; 1 for linear ones. <c>default</c> has 0 and is invalid.</summary>
    public decimal ContractSize { get; }

    /// <summary>True for coin-margined contracts.</summary>
    public bool IsInverse => Kind == ContractKind.Inverse;

    /// <summary>
    /// Position value in the margin asset at <paramref name="price"/>: quantity × price for linear
    /// contracts (quote asset), contracts × size ÷ price for inverse ones (coin).
    /// </summary>
    public decimal Notional(decimal quantity, decimal price) =>
        IsInverse ? quantity * ContractSize / price : quantity * price;

    /// <summary>
    /// Profit (positive) or loss (negative) in the margin asset of moving from <paramref name="entryPrice"/>
    /// to <paramref name="price"/>: linear side·Q·(P − EP); inverse side·Q·CM·(1/EP − 1/P).
    /// </summary>
    public decimal Pnl(Side side, decimal quantity, decimal entryPrice, decimal price) =>
        IsInverse
            ? side.Sign() * quantity * ContractSize * ((1m / entryPrice) - (1m / price))
            : side.Sign() * quantity * (price - entryPrice);
}
