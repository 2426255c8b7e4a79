using System.Reflection;

namespace MarginBot.Tests.Architecture;

/// <summary>
/// The one direction of dependencies (DESIGN.md, docs/architecture.md): Engine → nothing of ours;
/// Conversations → Engine; Storage, MarketData and Telegram → Conversations (and Engine); only the
/// host sees all. Read from the compiled assemblies' references, which list what the code really uses.
/// </summary>
public sealed class ProjectDependencyTests
{
    /// <summary>Each of our assemblies and the ones of ours it may use.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["MarginBot.Engine"] = [],
        ["MarginBot.Conversations"] = ["MarginBot.Engine"],
        ["MarginBot.Storage"] = ["MarginBot.Conversations", "MarginBot.Engine"],
        ["MarginBot.MarketData"] = ["MarginBot.Conversations", "MarginBot.Engine"],
        ["MarginBot.Telegram"] = ["MarginBot.Conversations", "MarginBot.Engine"],
        ["MarginBot"] = ["MarginBot.Conversations", "MarginBot.Engine", "MarginBot.Storage", "MarginBot.MarketData", "MarginBot.Telegram"],
    };

    [Fact]
    public void EveryProject_UsesOnlyTheProjectsItMayUse()
    {
        var wrong = Allowed.Keys.SelectMany(name => Violations(Assembly.Load(name), Allowed[name])).ToList();
        Assert.True(wrong.Count == 0, "dependencies pointing the wrong way: " + string.Join("; ", wrong));
    }

    [Fact]
    public void Check_AProjectUsingOneItMayNotUse_IsReported()
    {
        // The host uses every project; held to the engine's rule, each of those uses is reported.
        var wrong = Violations(Assembly.Load("MarginBot"), Allowed["MarginBot.Engine"]);
        Assert.Equal(["MarginBot → MarginBot.Conversations", "MarginBot → MarginBot.Engine", "MarginBot → MarginBot.MarketData", "MarginBot → MarginBot.Storage", "MarginBot → MarginBot.Telegram"], wrong.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Violations(Assembly assembly, string[] allowed)
    {
        var name = assembly.GetName().Name!;
        return assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(r => Allowed.ContainsKey(r) && !allowed.Contains(r, StringComparer.Ordinal))
            .Select(r => $"{name} → {r}");
    }
}
