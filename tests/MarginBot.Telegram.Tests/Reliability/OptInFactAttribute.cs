namespace MarginBot.Telegram.Tests.Reliability;

/// <summary>
/// A test that runs only with MARGINBOT_RELIABILITY_LONG=1, and is reported as skipped (with the
/// reason) otherwise: for the long variants of reliability tests whose default run keeps a shorter
/// one, never to hide a failure silently.
/// </summary>
public sealed class OptInFactAttribute : FactAttribute
{
    public OptInFactAttribute(string reason)
    {
        if (Environment.GetEnvironmentVariable("MARGINBOT_RELIABILITY_LONG") != "1")
        {
            Skip = reason + " Run with MARGINBOT_RELIABILITY_LONG=1.";
        }
    }
}
