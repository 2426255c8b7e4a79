using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Sessions;
using MarginBot.Storage;

namespace MarginBot.Storage.Tests.Reliability;

/// <summary>Issue 7, item 5: the database holds people's books, so only its owner may read it.</summary>
public sealed class DatabaseFileModeTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-mode-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Open_NewFolderAndFile_OwnerOnlyThroughWritesCheckpointsAndReopen()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Path.Combine(_folder.FullName, "data", "bot");
        var path = Path.Combine(folder, "chat.db");
        using (var storage = LiteDbStorage.Open(path))
        {
            // Enough writes for LiteDB to grow its log and checkpoint it into the data file.
            for (var i = 0; i < 3000; i++)
            {
                ((ISessionStore)storage).Save(i, i, Session.Start("check", "Symbol", DateTimeOffset.UnixEpoch));
            }

            AssertOwnerOnly(folder, path);
        }

        AssertOwnerOnly(folder, path);
        using (var reopened = LiteDbStorage.Open(path))
        {
            ((IBookStore)reopened).Save(1, TraderBook.Empty with { WalletBalance = 1000m });
            AssertOwnerOnly(folder, path);
            Assert.Equal(1000m, ((IBookStore)reopened).Load(1)!.WalletBalance);
        }
    }

    [Fact]
    public void Open_ExistingWorldReadableFile_Tightened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(_folder.FullName, "chat.db");
        using (var storage = LiteDbStorage.Open(path))
        {
            ((IBookStore)storage).Save(1, TraderBook.Empty with { WalletBalance = 1000m });
        }

        File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var reopened = LiteDbStorage.Open(path);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(1000m, ((IBookStore)reopened).Load(1)!.WalletBalance);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void AssertOwnerOnly(string folder, string path)
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        var log = LiteDbStorage.LogFileOf(path);
        if (File.Exists(log))
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(log));
        }

        Assert.All(Directory.GetFiles(folder), f => Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(f)));
    }
}
