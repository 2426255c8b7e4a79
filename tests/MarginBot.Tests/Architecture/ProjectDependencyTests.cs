using System.Reflection;

namespace MarginBot.Tests.Architecture;

/// <summary>
/// The one direction of dependencies (DESIGN.md, docs/architecture.md): Engine → nothing of ours;
/// Conversations → Engine; Storage and MarketData → Conversations (and Engine); only the host sees
/// all. Read from the compiled assemblies' references, which list what the code really uses.
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
        ["MarginBot"] = ["MarginBot.Conversations", "MarginBot.Engine", "MarginBot.Storage", "MarginBot.MarketData"],
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
        Assert.Equal(["MarginBot → MarginBot.Conversations", "MarginBot → MarginBot.Engine", "MarginBot → MarginBot.MarketData", "MarginBot → MarginBot.Storage"], wrong.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TelegramAdapter_TakesNoStorageType()
    {
        // Until it is a project of its own: its types reach the store through the Conversations ports only.
        var wrong = StorageUses("MarginBot.Telegram");
        Assert.True(wrong.Count == 0, "the Telegram adapter takes storage types: " + string.Join("; ", wrong));
    }

    [Fact]
    public void StorageUses_ATypeTakingTheStore_IsReported()
    {
        // The alerts' sender still takes the concrete store: the check finds it.
        Assert.Contains(StorageUses("MarginBot.Alerts"), use => use.StartsWith("OutboxAlertSender", StringComparison.Ordinal));
    }

    /// <summary>Members (constructor and method parameters, fields, properties, return types) of the host's types in <paramref name="space"/> whose type comes from Storage.</summary>
    private static List<string> StorageUses(string space)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var storage = Assembly.Load("MarginBot.Storage");
        bool FromStorage(Type type) => type.Assembly == storage || (type.IsGenericType && type.GetGenericArguments().Any(FromStorage));
        return [.. Assembly.Load("MarginBot").GetTypes()
            .Where(t => t.Namespace == space)
            .SelectMany(t => t.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => (t, p.ParameterType, ".ctor")))
                .Concat(t.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => (t, p.ParameterType, m.Name)).Append((t, m.ReturnType, m.Name))))
                .Concat(t.GetFields(all).Select(f => (t, f.FieldType, f.Name)))
                .Concat(t.GetProperties(all).Select(p => (t, p.PropertyType, p.Name))))
            .Where(use => FromStorage(use.Item2))
            .Select(use => $"{use.t.Name}.{use.Item3}: {use.Item2.Name}")
            .Distinct()];
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
