using System.Globalization;
using MarginBot.Alerts;
using MarginBot.Conversations.Alerts;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Settings;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Tiers;
using MarginBot.MarketData.Tests;
using MarginBot.Storage;

namespace MarginBot.Tests.Alerts;

/// <summary>
/// The real <see cref="AlertService"/> over a LiteDB file, the real market-data service and adapters, and
/// the fake exchange server on 127.0.0.1, whose all-symbol mark answers change between passes; the
/// clock is a FakeTimeProvider that moves 10 s (the mark TTL) between passes.
/// </summary>
public sealed class AlertExchangeTests : IAsyncLifetime
{
    private const long User = 42;

    // BTCUSDT long 60,000 10x isolated on Binance: liquidation ≈ 54,216.87 (see the liq transcripts).
    private static readonly Position Btc = new() { Symbol = "BTCUSDT", Side = Side.Long, Quantity = 0.1m, EntryPrice = 60000m, Leverage = 10m, Mode = MarginMode.Isolated };

    private readonly string _folder = Directory.CreateTempSubdirectory("marginbot-alerts-live-").FullName;
    private readonly List<(string Key, Reply Reply)> _sent = [];
    private readonly TierCatalog _catalog = TierCatalog.LoadBundled();
    private MarketDataHarness _harness = null!;
    private LiteDbStorage _storage = null!;

    private string DbPath => Path.Combine(_folder, "bot.db");

    public async Task InitializeAsync()
    {
        _harness = await MarketDataHarness.StartAsync(new Dictionary<string, string?>
        {
            // Short enough for the timeout cases; the fake server answers the others at once.
            ["MarginBot:MarketData:AttemptTimeout"] = "00:00:01",
            ["MarginBot:MarketData:TotalTimeout"] = "00:00:04",
        });
        _storage = LiteDbStorage.Open(DbPath);
        _storage.Save(User, new TraderBook(10000m, [Btc], new Dictionary<string, decimal>()));
        _storage.Save(User, AlertSettings.Default with { Enabled = true });
    }

    public async Task DisposeAsync()
    {
        _storage.Dispose();
        await _harness.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task PriceWalk_TowardLiquidation_LevelsInOrderOnceEach_OneBatchedRequestPerPass()
    {
        var service = Service();
        foreach (var mark in new[] { 70000m, 66000m, 65000m, 60000m, 59000m, 56000m, 55500m, 56000m })
        {
            await PassAsync(service, mark);
        }

        Assert.Equal(["BTCUSDT:L:60000:d20", "BTCUSDT:L:60000:d10", "BTCUSDT:L:60000:d5"], _sent.Select(s => s.Key));
        var last = _sent[^1].Reply.Html;
        Assert.Contains("BTCUSDT long", last, StringComparison.Ordinal);
        Assert.Contains("Mark 56,000", last, StringComparison.Ordinal);
        Assert.Contains("54,216.87", last, StringComparison.Ordinal);
        Assert.Contains("Reduce the position", last, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Repeat("/fapi/v1/premiumIndex", 8), _harness.Server.Requests);
    }

    [Fact]
    public async Task Restart_InTheMiddle_NewServiceOverTheSameFile_RepeatsNone()
    {
        await PassAsync(Service(), 66000m);
        _storage.Dispose();
        _storage = LiteDbStorage.Open(DbPath);
        var restarted = Service();

        await PassAsync(restarted, 66000m);
        await PassAsync(restarted, 65000m);
        await PassAsync(restarted, 60000m);

        Assert.Equal(["BTCUSDT:L:60000:d20", "BTCUSDT:L:60000:d10"], _sent.Select(s => s.Key));
    }

    [Fact]
    public async Task MuteButton_PositionMuted_NoAlertUntilTheMuteEnds()
    {
        var service = Service();
        await PassAsync(service, 66000m);
        var mute = _sent.Single().Reply.AllButtons.Single(b => b.Data.StartsWith("alert:mute:", StringComparison.Ordinal));
        var dispatcher = new Dispatcher(_storage.AsStores(), _catalog, _harness.Clock);
        Assert.Contains("muted until", dispatcher.Handle(InboundMessage.Pressed(User, ChatKind.Private, User, "A", mute.Data, 1))[0].Html, StringComparison.Ordinal);

        await PassAsync(service, 60000m);
        await PassAsync(service, 56000m);
        Assert.Single(_sent);

        _harness.Clock.Advance(TimeSpan.FromHours(25));
        await PassAsync(service, 56000m);
        Assert.Equal(["BTCUSDT:L:60000:d20", "BTCUSDT:L:60000:d5"], _sent.Select(s => s.Key));
    }

    [Theory]
    [InlineData("500s")]
    [InlineData("malformed")]
    [InlineData("timeout")]
    [InlineData("rate limit")]
    [InlineData("zero mark")]
    [InlineData("symbol missing")]
    public async Task FailingExchange_NoFalseAlert_EvenWithAStoredMarkNearTheLiquidation(string failure)
    {
        _storage.Save(User, new TraderBook(10000m, [Btc], new Dictionary<string, decimal> { ["BTCUSDT"] = 55000m }));
        _harness.Server.Answer("/fapi/v1/premiumIndex", failure switch
        {
            "500s" => FakeAnswer.Json("<html>Internal error</html>", 500),
            "malformed" => FakeAnswer.Json("[{\"symbol\":\"BTCUSDT\",\"markPrice\":\"55"),
            "timeout" => FakeAnswer.Json(BinanceMarks(55000m)) with { Delay = TimeSpan.FromSeconds(30) },
            "rate limit" => FakeAnswer.Json("{\"code\":-1003,\"msg\":\"Too many requests.\"}", 429),
            "zero mark" => FakeAnswer.Json(BinanceMarks(0m)),
            _ => FakeAnswer.Json(BinanceMarks(55000m).Replace("\"BTCUSDT\"", "\"BTCDOMUSDT\"", StringComparison.Ordinal)),
        });

        var sent = await Service().RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, sent);
        Assert.Empty(_sent);
        Assert.True(_harness.Server.Count("/fapi/v1/premiumIndex") >= 1);
    }

    [Fact]
    public async Task FailingExchange_AfterAnAlert_NothingMoreUntilItAnswersAgain()
    {
        var service = Service();
        await PassAsync(service, 66000m);
        _harness.Server.Answer("/fapi/v1/premiumIndex", FakeAnswer.Json("bad gateway", 502));
        _harness.Clock.Advance(TimeSpan.FromSeconds(10));
        await service.RunOnceAsync(CancellationToken.None);
        Assert.Single(_sent);

        // The failure is kept briefly (FailureTtl); then the exchange is asked again.
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await PassAsync(service, 56000m);
        Assert.Equal(["BTCUSDT:L:60000:d20", "BTCUSDT:L:60000:d5"], _sent.Select(s => s.Key));
    }

    [Fact]
    public async Task UsersOnThreeExchanges_OneAllSymbolRequestPerExchange()
    {
        _storage.Save(User, new TraderBook(10000m, [Btc, Btc with { Symbol = "ETHUSDT", EntryPrice = 3000m, Quantity = 1m }], new Dictionary<string, decimal>()));
        foreach (var (user, exchange) in new[] { (43L, ExchangeId.Bybit), (44L, ExchangeId.Okx) })
        {
            _storage.Save(user, new TraderBook(10000m, [Btc], new Dictionary<string, decimal>()));
            _storage.Save(user, AlertSettings.Default with { Enabled = true });
            _storage.Save(user, UserSettings.Default with { Exchange = exchange });
        }

        await Service().RunOnceAsync(CancellationToken.None);

        Assert.Equal(
            ["/api/v5/public/mark-price?instType=SWAP", "/fapi/v1/premiumIndex", "/v5/market/tickers?category=linear"],
            _harness.Server.Requests.Order(StringComparer.Ordinal));

        // Each user's exchange's mark: the fixtures' BTC marks on Binance (11,793.63) and Bybit (17,217.33) are past
        // the 60,000 longs' liquidation (the 5% level); OKX's 60,123.4 is within 10% of it; Binance's ETH 3,012.5 within 20% of its own.
        Assert.Equal(
            ["BTCUSDT:L:60000:d10", "BTCUSDT:L:60000:d5", "BTCUSDT:L:60000:d5", "ETHUSDT:L:3000:d20"],
            _sent.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Contains(_sent, s => s.Reply.Html.Contains("Mark 60,123.4", StringComparison.Ordinal));
    }

    private AlertService Service() =>
        new(_storage, _storage, _storage, _catalog, _harness.Market, new RecordingSender(_storage, _sent), _harness.Clock, TimeSpan.FromSeconds(10));

    // The exchange moves the mark; the clock moves past the mark TTL, so the pass fetches it.
    private async Task PassAsync(AlertService service, decimal mark)
    {
        _harness.Server.Answer(FakeExchangeServer.BinanceAllMarks, FakeAnswer.Json(BinanceMarks(mark)));
        await service.RunOnceAsync(CancellationToken.None);
        _harness.Clock.Advance(TimeSpan.FromSeconds(10));
    }

    // Binance's documented all-symbol answer with BTCUSDT's mark set.
    private static string BinanceMarks(decimal btc) =>
        Fixtures.Read("binance/premiumIndex-all.jsonc")
            .Replace("\"11793.63104562\"", "\"" + btc.ToString(CultureInfo.InvariantCulture) + "\"", StringComparison.Ordinal);
}
