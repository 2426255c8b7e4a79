using LiteDB;
using MarginBot.Conversations.Portfolio;
using MarginBot.Engine.Contracts;
using MarginBot.Storage;

namespace MarginBot.Storage.Tests;

/// <summary>Books stored at schema 1 (before mark sources) still load, and are stored at schema 2 from then on.</summary>
public sealed class BookSchemaTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("marginbot-schema-");

    private string DbPath => Path.Combine(_folder.FullName, "bot.db");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void SchemaOneBook_WithoutMarkSources_LoadsWithEveryMarkSetByTheUser()
    {
        WriteRaw(SchemaOneBook());

        using var storage = LiteDbStorage.Open(DbPath);
        var book = ((IBookStore)storage).Load(7);

        Assert.NotNull(book);
        Assert.Equal(1000m, book.WalletBalance);
        Assert.Equal(new Position { Symbol = "ETHUSDT", Side = Side.Short, Quantity = 0.5m, EntryPrice = 3012.34m, Leverage = 5m, Mode = MarginMode.Isolated }, book.Positions.Single());
        Assert.Equal(2999.99m, book.Marks["ETHUSDT"]);
        Assert.Empty(book.MarkSources);
    }

    [Fact]
    public void SchemaOneBook_WithMarkSourcesNull_LoadsEmpty()
    {
        var doc = SchemaOneBook();
        doc["MarkSources"] = BsonValue.Null;
        doc["Marks"] = BsonValue.Null;
        WriteRaw(doc);

        using var storage = LiteDbStorage.Open(DbPath);
        var book = ((IBookStore)storage).Load(7);

        Assert.NotNull(book);
        Assert.Empty(book.Marks);
        Assert.Empty(book.MarkSources);
    }

    [Fact]
    public void SchemaOneBook_SavedAgain_StoredAtSchemaTwoWithItsSources()
    {
        WriteRaw(SchemaOneBook());
        using (var storage = LiteDbStorage.Open(DbPath))
        {
            var book = ((IBookStore)storage).Load(7)!;
            ((IBookStore)storage).Save(7, book with
            {
                MarkSources = new Dictionary<string, MarkSource> { ["ETHUSDT"] = new("Bybit", new DateTimeOffset(2026, 5, 12, 8, 0, 0, TimeSpan.Zero)) },
            });
        }

        var raw = ReadRaw();
        Assert.Equal(2, raw["SchemaVersion"].AsInt32);
        Assert.Equal("Bybit", raw["MarkSources"]["ETHUSDT"]["Source"].AsString);

        using var reopened = LiteDbStorage.Open(DbPath);
        Assert.Equal("Bybit", ((IBookStore)reopened).Load(7)!.MarkSources["ETHUSDT"].Source);
    }

    // A book as schema 1 stored it: no MarkSources field at all.
    private static BsonDocument SchemaOneBook() => new()
    {
        ["_id"] = 7L,
        ["SchemaVersion"] = 1,
        ["WalletBalance"] = 1000m,
        ["Positions"] = new BsonArray(new BsonValue[]
        {
            new BsonDocument
            {
                ["Symbol"] = "ETHUSDT", ["Side"] = "Short", ["Quantity"] = 0.5m, ["EntryPrice"] = 3012.34m, ["Leverage"] = 5m, ["Mode"] = "Isolated",
            },
        }),
        ["Marks"] = new BsonDocument { ["ETHUSDT"] = 2999.99m },
    };

    private void WriteRaw(BsonDocument doc)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = DbPath, Connection = ConnectionType.Direct });
        db.GetCollection("books").Insert(doc);
    }

    private BsonDocument ReadRaw()
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = DbPath, Connection = ConnectionType.Direct });
        return db.GetCollection("books").FindById(7L);
    }
}
