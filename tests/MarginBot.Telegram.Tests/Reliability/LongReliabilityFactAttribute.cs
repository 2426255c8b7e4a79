namespace MarginBot.Telegram.Tests.Reliability;

/// <summary>A fact skipped (reported as skipped, with the reason) unless MARGINBOT_RELIABILITY_LONG=1.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LongReliabilityFactAttribute : FactAttribute
{
    public LongReliabilityFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MARGINBOT_RELIABILITY_LONG") != "1")
        {
            Skip = "opt-in (MARGINBOT_RELIABILITY_LONG=1): not yet reliable, see docs/reliability.md section 2";
        }
    }
}
