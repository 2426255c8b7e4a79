using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Liquidation;
using static MarginBot.Engine.Tests.Books;

namespace MarginBot.Engine.Tests.Liquidation;

/// <summary>
/// The registry of exchanges (<see cref="ExchangeProfile.All"/>): a new <see cref="ExchangeId"/> without
/// its rules object registered fails here, before any answer reaches a user.
/// </summary>
public class ExchangeRegistryTests
{
    public static TheoryData<ExchangeId> Ids() => [.. Enum.GetValues<ExchangeId>()];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Of_EveryExchangeId_ResolvesToExactlyOneRegisteredProfile(ExchangeId id)
    {
        var profile = ExchangeProfile.Of(id);

        Assert.Equal(id, profile.Id);
        Assert.Single(ExchangeProfile.All, p => p.Id == id);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void TryParse_EveryExchangesNameInAnyCase_FindsIt(ExchangeId id)
    {
        var profile = ExchangeProfile.Of(id);

        Assert.True(ExchangeProfile.TryParse(profile.Name.ToLowerInvariant(), out var lower));
        Assert.True(ExchangeProfile.TryParse($" {profile.Name.ToUpperInvariant()} ", out var upper));
        Assert.Same(profile, lower);
        Assert.Same(profile, upper);
    }

    [Fact]
    public void TryParse_UnknownName_FalseAndBinance()
    {
        Assert.False(ExchangeProfile.TryParse("kraken", out var profile));
        Assert.Same(ExchangeProfile.Binance, profile);
        Assert.False(ExchangeProfile.TryParse(null, out _));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void MarginRules_EveryExchange_AnswersEachRuleWithTheFormulaItsProfileNames(ExchangeId id)
    {
        // 0.1 BTC long at 60,000, 10x: every rule of the exchange's rules object gives a price below
        // the entry, named as its profile says.
        var exchange = ExchangeProfile.Of(id);
        var position = Linear("BTCUSDT", Side.Long, 0.1m, 60_000m, 10m);
        var member = new PricedPosition(position, Catalog.Resolve(id, ContractKind.Linear, "BTCUSDT"), 60_000m);

        var isolated = MarginRules.Isolated(exchange, exchange.DefaultFees, member, position.PositionMargin);
        var cross = MarginRules.Cross(exchange, exchange.DefaultFees, [member], 600m);
        var (maintenance, _) = MarginRules.MaintenanceNow(exchange, member);
        var requirement = MarginRules.Requirement(exchange, exchange.DefaultFees, member, 60_000m);

        Assert.Equal(exchange.IsolatedFormula, isolated.Formula);
        Assert.Equal(exchange.CrossFormula, cross.Formula);
        Assert.InRange(isolated.Price ?? 0m, 1m, 60_000m);
        Assert.InRange(cross.Price ?? 0m, 1m, 60_000m);
        Assert.InRange(maintenance, 0.0001m, requirement);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Profile_EveryExchange_StatesItsDefaults(ExchangeId id)
    {
        var exchange = ExchangeProfile.Of(id);

        Assert.False(string.IsNullOrWhiteSpace(exchange.Name));
        Assert.InRange(exchange.FundingIntervalHours, 1, 24);
        Assert.True(exchange.DefaultInverseContractSize("BTCUSD") > 0m);
        Assert.Equal(exchange.LinearTierBasis, exchange.TierBasisFor(ContractKind.Linear));
    }
}
