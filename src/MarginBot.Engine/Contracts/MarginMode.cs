namespace MarginBot.Engine.Contracts;

/// <summary>How a position's collateral is held.</summary>
public enum MarginMode
{
    /// <summary>The position has its own margin; a liquidation can only consume that margin.</summary>
    Isolated,

    /// <summary>The position shares the cross wallet with every other cross position.</summary>
    Cross,
}

/// <summary>Whether an account holds one net position per symbol or a long and a short side by side.</summary>
public enum PositionMode
{
    /// <summary>One net position per symbol (Binance "BOTH").</summary>
    OneWay,

    /// <summary>A long and a short of one symbol may be open at once.</summary>
    Hedge,
}
