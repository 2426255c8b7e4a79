using Microsoft.Extensions.Time.Testing;

namespace MarginBot.Telegram.Tests.Reliability;

/// <summary>Telegram counts a send when it arrives; the pacer counts it from when its call ended, the first moment the bot knows it got there.</summary>
public sealed class SendPacerTests
{
    private static readonly TimeSpan CallTakes = TimeSpan.FromMilliseconds(300);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SendAsync_NextSendToTheChat_WaitsAWholePeriodFromWhenTheCallEnded(bool callFails)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var pacer = new SendPacer(new SendLimitOptions { ChatMessages = 1, ChatPeriod = TimeSpan.FromSeconds(1) }, time);

        // The first call is on its way for 300 ms (a slow network, a loaded machine), then answered or failed.
        var first = pacer.SendAsync(
            7,
            () =>
            {
                time.Advance(CallTakes);
                return callFails ? Task.FromException(new HttpRequestException("connection dropped")) : Task.CompletedTask;
            },
            CancellationToken.None);
        if (callFails)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => first);
        }

        var secondWent = DateTimeOffset.MinValue;
        var second = pacer.SendAsync(7, () => { secondWent = time.GetUtcNow(); return Task.CompletedTask; }, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        Assert.False(second.IsCompleted, "the second send went less than a period after the first call ended");

        time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(DateTimeOffset.UnixEpoch + CallTakes + TimeSpan.FromSeconds(1), secondWent);
    }

    [Fact]
    public async Task SendAsync_AnotherChat_NotHeldByThisChatsWindow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var pacer = new SendPacer(new SendLimitOptions { ChatMessages = 1, ChatPeriod = TimeSpan.FromSeconds(1) }, time);
        await pacer.SendAsync(7, () => Task.CompletedTask, CancellationToken.None);

        await pacer.SendAsync(8, () => Task.CompletedTask, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
