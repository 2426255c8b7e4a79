using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Market;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Tests.Alerts;

/// <summary>/liq, /funding and /positions with live figures from a market port with set answers.</summary>
public sealed class LiveQuotesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marginbot-live-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 12, 8, 0, 0, TimeSpan.Zero));
    private readonly LiteDbStorage _storage;
    private long _messageId;

    public LiveQuotesTests() => _storage = LiteDbStorage.Open(Path.Combine(_folder, "bot.db"));

    [Fact]
    public void Liq_WithoutEntry_UsesTheMark_NamingSourceAndAge()
    {
        var html = Say(Live(), "/liq btc long 10x");
        Assert.Contains("mark 60,123.4 on Binance, 8 s ago", html, StringComparison.Ordinal);
        Assert.Contains("BTCUSDT long @ 60,123.4", html, StringComparison.Ordinal);
        Assert.Contains("Tiers: bundled tiers", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Liq_WithoutEntry_Offline_SaysSoAndAsksForTheEntry()
    {
        var html = Say(new Dispatcher(_storage.AsStores(), TierCatalog.LoadBundled(), _clock), "/liq btc long 10x");
        Assert.Contains("No live price for BTCUSDT", html, StringComparison.Ordinal);
        Assert.Contains("entry", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Funding_WithoutRate_UsesTheLiveRate()
    {
        var html = Say(Live(), "/funding btc long 60000 10x 3d");
        Assert.Contains("Live: funding 0.03%", html, StringComparison.Ordinal);
        Assert.Contains("Funding rate: 0.03% per 8h", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PositionsLive_StoresTheMarksWithTheirSource()
    {
        var dispatcher = Live();
        Say(dispatcher, "/wallet 10000");
        Say(dispatcher, "/open btc long 60000 0.1 btc 10x isolated");
        var html = Say(dispatcher, "/positions live");
        Assert.Contains("Marks refreshed: BTCUSDT mark 60,123.4 on Binance, 8 s ago", html, StringComparison.Ordinal);
        var book = ((Conversations.Portfolio.IBookStore)_storage).Load(1)!;
        Assert.Equal(60123.4m, book.Marks["BTCUSDT"]);
        Assert.Equal("Binance", book.MarkSources["BTCUSDT"].Source);
    }

    public void Dispose()
    {
        _storage.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private Dispatcher Live() => new(_storage.AsStores(), TierCatalog.LoadBundled(), _clock, market: new FixedMarket(_clock.GetUtcNow().AddSeconds(-8)));

    private string Say(Dispatcher dispatcher, string text) =>
        string.Join("\n", dispatcher.Handle(InboundMessage.Typed(1, ChatKind.Private, 1, "A", text, ++_messageId)).Select(r => r.Html));

    private sealed class FixedMarket(DateTimeOffset fetchedAt) : IMarketData
    {
        public Task<MarketAnswer<MarkPrice>> GetMarkPriceAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default) =>
            Task.FromResult(MarketAnswer.Available(exchange, symbol, new MarkPrice(60123.4m), fetchedAt));

        public Task<MarketAnswer<FundingRate>> GetFundingRateAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default) =>
            Task.FromResult(MarketAnswer.Available(exchange, symbol, new FundingRate(0.0003m, fetchedAt.AddHours(2)), fetchedAt));

        public Task<MarketAnswer<TierTable>> GetTierTableAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default) =>
            Task.FromResult(MarketAnswer.NotAvailable<TierTable>(exchange, symbol, "Binance shows its tier tables only to signed requests"));
    }
}
