using System.Collections.Concurrent;
using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Conversations.Tests;

/// <summary>
/// <see cref="LiveMarket"/>: a flow waits at most its wait for an answer; an exchange that kept one
/// waiting the whole wait is not waited for again for a while (every chat's decision waits behind
/// one that waits here), and answers already there still come back. The reason a slow answer gives
/// tells which case it was, so no test measures time.
/// </summary>
public sealed class LiveMarketTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
    private readonly Exchange _market = new();

    private LiveMarket Live => new(_market, Wait, Quiet, _time);

    [Fact]
    public void Mark_ExchangeHangs_FirstWaitsThenOthersAnswerAtOnceWhileQuiet()
    {
        var live = Live;

        var first = live.Mark(ExchangeId.Binance, "BTCUSDT");
        var second = live.Mark(ExchangeId.Binance, "ETHUSDT");
        var funding = live.Funding(ExchangeId.Binance, "SOLUSDT");

        Assert.Equal("Binance did not answer within 1 s", first.Reason);
        Assert.Equal("Binance is slow right now (it did not answer within 1 s a moment ago)", second.Reason);
        Assert.Equal(second.Reason, funding.Reason);
        Assert.Equal(["BTCUSDT", "ETHUSDT", "SOLUSDT"], _market.Asked.Select(a => a.Symbol).Order());
    }

    [Fact]
    public void Mark_WhileQuiet_AnswerAlreadyThereStillReturned_OtherExchangeStillWaitedFor()
    {
        var live = Live;
        _market.Answers[(ExchangeId.Binance, "XRPUSDT")] = 0.61m;
        live.Mark(ExchangeId.Binance, "BTCUSDT");

        var cached = live.Mark(ExchangeId.Binance, "XRPUSDT");
        var bybit = live.Mark(ExchangeId.Bybit, "BTCUSDT");

        Assert.Equal(0.61m, cached.Value?.Price);
        Assert.Equal("Bybit did not answer within 1 s", bybit.Reason);
    }

    [Fact]
    public void Mark_QuietOver_WaitedForAgain()
    {
        var live = Live;
        live.Mark(ExchangeId.Okx, "BTC-USDT-SWAP");

        _time.Advance(Quiet - TimeSpan.FromSeconds(1));
        var during = live.Mark(ExchangeId.Okx, "ETH-USDT-SWAP");
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = live.Mark(ExchangeId.Okx, "SOL-USDT-SWAP");

        Assert.StartsWith("OKX is slow right now", during.Reason, StringComparison.Ordinal);
        Assert.Equal("OKX did not answer within 1 s", after.Reason);
    }

    [Fact]
    public void Marks_ExchangeHangs_QuietAfterwardsAndAnswersThereKept()
    {
        var live = Live;
        _market.Answers[(ExchangeId.Binance, "XRPUSDT")] = 0.61m;

        var waited = live.Marks(ExchangeId.Binance, ["BTCUSDT", "XRPUSDT"]);
        var quiet = live.Marks(ExchangeId.Binance, ["ETHUSDT", "XRPUSDT"]);

        Assert.Equal(["Binance did not answer within 1 s", null], waited.Select(a => a.Reason));
        Assert.Equal(0.61m, waited[1].Value?.Price);
        Assert.StartsWith("Binance is slow right now", quiet[0].Reason, StringComparison.Ordinal);
        Assert.Equal(0.61m, quiet[1].Value?.Price);
    }

    [Fact]
    public void Mark_ExchangeFailsFast_NotQuiet()
    {
        var live = Live;
        _market.Failures[(ExchangeId.Binance, "BTCUSDT")] = "Binance had a problem (HTTP 502)";

        var failed = live.Mark(ExchangeId.Binance, "BTCUSDT");
        var next = live.Mark(ExchangeId.Binance, "ETHUSDT");

        Assert.Equal("Binance had a problem (HTTP 502)", failed.Reason);
        Assert.Equal("Binance did not answer within 1 s", next.Reason);
    }

    /// <summary>Answers the marks it was given at once, fails those it was told to, and never answers anything else.</summary>
    private sealed class Exchange : IMarketData
    {
        public ConcurrentDictionary<(ExchangeId Exchange, string Symbol), decimal> Answers { get; } = new();

        public ConcurrentDictionary<(ExchangeId Exchange, string Symbol), string> Failures { get; } = new();

        public ConcurrentQueue<(ExchangeId Exchange, string Symbol)> Asked { get; } = new();

        public Task<MarketAnswer<MarkPrice>> GetMarkPriceAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default)
        {
            Asked.Enqueue((exchange, symbol));
            if (Answers.TryGetValue((exchange, symbol), out var price))
            {
                return Task.FromResult(MarketAnswer.Available(exchange, symbol, new MarkPrice(price), DateTimeOffset.UnixEpoch));
            }

            return Failures.TryGetValue((exchange, symbol), out var reason)
                ? Task.FromResult(MarketAnswer.NotAvailable<MarkPrice>(exchange, symbol, reason))
                : Never<MarkPrice>();
        }

        public Task<MarketAnswer<FundingRate>> GetFundingRateAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default)
        {
            Asked.Enqueue((exchange, symbol));
            return Never<FundingRate>();
        }

        public Task<MarketAnswer<TierTable>> GetTierTableAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default)
        {
            Asked.Enqueue((exchange, symbol));
            return Never<TierTable>();
        }

        private static Task<MarketAnswer<T>> Never<T>()
            where T : class => new TaskCompletionSource<MarketAnswer<T>>().Task;
    }
}
