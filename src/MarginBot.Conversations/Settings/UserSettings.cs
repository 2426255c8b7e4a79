using MarginBot.Engine.Exchanges;

namespace MarginBot.Conversations.Settings;

/// <summary>A user's preferences: whose rules apply and their own fee rates (fractions) when they gave them.</summary>
/// <param name="Exchange">One of the exchanges of <see cref="ExchangeProfile.All"/>.</param>
/// <param name="Taker">Taker fee rate, a fraction (0.0005 is 0.05%); <c>null</c> for the exchange's default.</param>
/// <param name="Maker">Maker fee rate, a fraction; <c>null</c> for the exchange's default.</param>
public sealed record UserSettings(ExchangeId Exchange, decimal? Taker, decimal? Maker)
{
    /// <summary>Binance with its published fees.</summary>
    public static UserSettings Default { get; } = new(ExchangeId.Binance, null, null);

    /// <summary>The exchange's profile.</summary>
    public ExchangeProfile Profile => ExchangeProfile.Of(Exchange);

    /// <summary>The fee rates in force.</summary>
    public FeeSchedule Fees => new(Taker ?? Profile.DefaultFees.Taker, Maker ?? Profile.DefaultFees.Maker);
}

/// <summary>Port: users' settings.</summary>
public interface IUserSettingsStore
{
    /// <summary>The user's settings, or <c>null</c> when they never changed any.</summary>
    UserSettings? Load(long userId);

    /// <summary>Stores the user's settings.</summary>
    void Save(long userId, UserSettings settings);
}
