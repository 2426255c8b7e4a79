using MarginBot.Alerts;
using MarginBot.Conversations.Alerts;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Market;
using MarginBot.Conversations.Portfolio;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Tests.Alerts;

/// <summary>The alert pass over a real LiteDB file, a fake clock and a market port with set figures.</summary>
public sealed class AlertServiceTests : IDisposable
{
    private const long User = 42;

    // BTCUSDT long 60,000 10x isolated on Binance: liquidation ≈ 54,216.87 (see liq transcripts).
    private static readonly Position Btc = new() { Symbol = "BTCUSDT", Side = Side.Long, Quantity = 0.1m, EntryPrice = 60000m, Leverage = 10m, Mode = MarginMode.Isolated };

    private readonly string _folder = Directory.CreateTempSubdirectory("marginbot-alerts-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 12, 8, 0, 0, TimeSpan.Zero));
    private readonly SetMarket _market = new();
    private readonly List<(string Key, Reply Reply)> _sent = [];
    private readonly TierCatalog _catalog = TierCatalog.LoadBundled();
    private LiteDbStorage _storage;

    public AlertServiceTests()
    {
        _storage = LiteDbStorage.Open(Path.Combine(_folder, "bot.db"));
        _storage.Save(User, new TraderBook(10000m, [Btc], new Dictionary<string, decimal>()));
        _storage.Save(User, AlertSettings.Default with { Enabled = true });
    }

    [Fact]
    public async Task PriceWalk_TowardLiquidation_SendsEachLevelOnceInOrder()
    {
        foreach (var mark in new[] { 70000m, 66000m, 65000m, 60000m, 59000m, 56000m, 55500m, 56000m })
        {
            _market.Mark = mark;
            await Service().RunOnceAsync(CancellationToken.None);
            _clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(["BTCUSDT:L:60000:d20", "BTCUSDT:L:60000:d10", "BTCUSDT:L:60000:d5"], _sent.Select(s => s.Key));
        var last = _sent[^1].Reply;
        Assert.Contains("BTCUSDT long", last.Html, StringComparison.Ordinal);
        Assert.Contains("Mark 56,000", last.Html, StringComparison.Ordinal);
        Assert.Contains("54,216.87", last.Html, StringComparison.Ordinal);
        Assert.Contains("Reduce the position", last.Html, StringComparison.Ordinal);
        Assert.Contains(last.AllButtons, b => b.Data.StartsWith("alert:mute:", StringComparison.Ordinal));
        Assert.Contains(last.AllButtons, b => b.Data.StartsWith("alert:whatif:btc:-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_InTheMiddle_RepeatsNone()
    {
        _market.Mark = 66000m;
        await Service().RunOnceAsync(CancellationToken.None);
        _storage.Dispose();
        _storage = LiteDbStorage.Open(Path.Combine(_folder, "bot.db"));

        await Service().RunOnceAsync(CancellationToken.None);
        _market.Mark = 60000m;
        await Service().RunOnceAsync(CancellationToken.None);

        Assert.Equal(["BTCUSDT:L:60000:d20", "BTCUSDT:L:60000:d10"], _sent.Select(s => s.Key));
    }

    [Fact]
    public async Task NextDay_SameLevel_IsSentAgain()
    {
        _market.Mark = 66000m;
        await Service().RunOnceAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(1));
        await Service().RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task MutedPosition_GetsNoAlert_UntilTheMuteEnds()
    {
        var dispatcher = new Dispatcher(_storage.AsStores(), _catalog, _clock);
        var replies = dispatcher.Handle(InboundMessage.Pressed(User, ChatKind.Private, User, "A", "alert:mute:BTCUSDT:L:60000", 1));
        Assert.Contains("muted until", replies[0].Html, StringComparison.Ordinal);

        _market.Mark = 60000m;
        await Service().RunOnceAsync(CancellationToken.None);
        Assert.Empty(_sent);

        _clock.Advance(TimeSpan.FromHours(25));
        await Service().RunOnceAsync(CancellationToken.None);
        Assert.Equal(["BTCUSDT:L:60000:d10"], _sent.Select(s => s.Key));
    }

    [Fact]
    public async Task MuteAll_SilencesEveryAlert()
    {
        var dispatcher = new Dispatcher(_storage.AsStores(), _catalog, _clock);
        dispatcher.Handle(InboundMessage.Pressed(User, ChatKind.Private, User, "A", "alert:muteall", 1));
        _market.Mark = 56000m;
        await Service().RunOnceAsync(CancellationToken.None);
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task FailingExchange_NoFalseAlert_EvenWithAStoredMarkNearTheLiquidation()
    {
        _storage.Save(User, new TraderBook(10000m, [Btc], new Dictionary<string, decimal> { ["BTCUSDT"] = 55000m }));
        _market.Mark = null;
        await Service().RunOnceAsync(CancellationToken.None);
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task AlertsOff_NothingSent()
    {
        var dispatcher = new Dispatcher(_storage.AsStores(), _catalog, _clock);
        var replies = dispatcher.Handle(InboundMessage.Typed(User, ChatKind.Private, User, "A", "/alerts off", 1));
        Assert.Contains("off", replies[0].Html, StringComparison.Ordinal);
        _market.Mark = 56000m;
        await Service().RunOnceAsync(CancellationToken.None);
        Assert.Empty(_sent);
    }

    [Fact]
    public void AlertsCommand_Levels_AreStoredWidestFirst()
    {
        var dispatcher = new Dispatcher(_storage.AsStores(), _catalog, _clock);
        dispatcher.Handle(InboundMessage.Typed(User, ChatKind.Private, User, "A", "/alerts 5 15 30", 1));
        Assert.Equal([30m, 15m, 5m], ((IAlertStore)_storage).Load(User)!.DistanceLevels);
    }

    public void Dispose()
    {
        _storage.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private AlertService Service() =>
        new(_storage, _storage, _storage, _catalog, _market, new RecordingSender(_storage, _sent), _clock, TimeSpan.FromSeconds(10));

    /// <summary>A market port with a set BTC mark; <c>null</c> behaves like a failing exchange.</summary>
    private sealed class SetMarket : IMarketData
    {
        public decimal? Mark { get; set; }

        public Task<MarketAnswer<MarkPrice>> GetMarkPriceAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default) =>
            Task.FromResult(Mark is { } m
                ? MarketAnswer.Available(exchange, symbol, new MarkPrice(m), DateTimeOffset.UnixEpoch)
                : MarketAnswer.NotAvailable<MarkPrice>(exchange, symbol, "Binance had a problem (HTTP 502)"));

        public Task<MarketAnswer<FundingRate>> GetFundingRateAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default) =>
            Task.FromResult(MarketAnswer.NotAvailable<FundingRate>(exchange, symbol, "not in this test"));

        public Task<MarketAnswer<TierTable>> GetTierTableAsync(ExchangeId exchange, string symbol, CancellationToken cancellationToken = default) =>
            Task.FromResult(MarketAnswer.NotAvailable<TierTable>(exchange, symbol, "not in this test"));
    }
}
