using MarginBot.Storage;

namespace MarginBot.TestKit;

/// <summary>A real LiteDB file in a folder of its own, removed with it: the store tests use instead of a mock.</summary>
public sealed class TempLiteDb : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-test-");

    /// <summary>Opens a new store at <see cref="Path"/>.</summary>
    public TempLiteDb() => Storage = LiteDbStorage.Open(Path);

    /// <summary>The database file.</summary>
    public string Path => System.IO.Path.Combine(_folder.FullName, "bot.db");

    /// <summary>The folder holding it (and anything else a test writes beside it).</summary>
    public string Folder => _folder.FullName;

    /// <summary>The open store.</summary>
    public LiteDbStorage Storage { get; private set; }

    /// <summary>Closes the store and opens the file again, as a restart does.</summary>
    public LiteDbStorage Reopen()
    {
        Storage.Dispose();
        return Storage = LiteDbStorage.Open(Path);
    }

    public void Dispose()
    {
        Storage.Dispose();
        _folder.Delete(recursive: true);
    }
}
