using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Transcripts;
using MarginBot.Engine.Tiers;
using MarginBot.Storage;

namespace MarginBot.MarketData.Tests;

/// <summary>
/// Transcripts with live data (<c>Transcripts/*.livechat</c>): the real dispatcher and LiteDB over the real
/// market-data service, pointed at the fake exchange. The <c>.chat</c> transcripts replay offline; these
/// need the server, so they have their own extension and runner.
/// </summary>
public sealed class LiveTranscriptTests
{
    private static readonly TierCatalog Catalog = TierCatalog.LoadBundled();

    [Fact]
    public async Task CheckEntryMark_ExchangeAnswers_EntryFromTheMarkWithSourceAndAge()
    {
        var result = await ReplayAsync("check_entry_mark_live.livechat", _ => { });
        Assert.True(result.Passed, result.Failure);
    }

    [Fact]
    public async Task CheckEntryMark_ExchangeDown_SaysSoAndAsksAgain()
    {
        var result = await ReplayAsync("check_entry_mark_exchange_down.livechat",
            server => server.Answer("/fapi/v1/premiumIndex", FakeAnswer.Json("<html>Bad gateway</html>", 502)));
        Assert.True(result.Passed, result.Failure);
    }

    [Fact]
    public async Task LiqInverse_WithoutEntry_CoinMMarkStandsIn()
    {
        var result = await ReplayAsync("liq_inverse_mark_live.livechat", _ => { });
        Assert.True(result.Passed, result.Failure);
    }

    [Fact]
    public async Task LiveTranscript_WrongExpectation_Fails()
    {
        // The runner must be able to fail here too: the exchange-down transcript against a working exchange.
        var result = await ReplayAsync("check_entry_mark_exchange_down.livechat", _ => { });
        Assert.False(result.Passed);
        Assert.Contains("Entry: mark 11,793.63 on Binance", result.Failure, StringComparison.Ordinal);
    }

    private static async Task<TranscriptResult> ReplayAsync(string file, Action<FakeExchangeServer> setUp)
    {
        await using var harness = await MarketDataHarness.StartAsync();
        setUp(harness.Server);
        var folder = Directory.CreateTempSubdirectory("marginbot-live-chat-");
        try
        {
            var path = Path.Combine(folder.FullName, "chat.db");
            var steps = Transcript.Parse(await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "Transcripts", file)));
            var runner = new TranscriptRunner(
                () =>
                {
                    var storage = LiteDbStorage.Open(path);
                    return (new Dispatcher(storage.AsStores(), Catalog, harness.Clock, market: harness.Market), storage);
                },
                harness.Clock.Advance);

            // The dispatcher waits synchronously for live answers; off the test's thread, as in the host.
            return await Task.Run(() => runner.Run(file, steps));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
