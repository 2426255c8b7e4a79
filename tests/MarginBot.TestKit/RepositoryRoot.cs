namespace MarginBot.TestKit;

/// <summary>The checkout the tests run from: the folder holding MarginBot.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository's root folder, found upward from the test assembly.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "MarginBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MarginBot.sln not found above " + AppContext.BaseDirectory);
    }
}
