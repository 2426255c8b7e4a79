using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Settings;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Storage;

namespace MarginBot.Benchmarks.EndToEnd;

/// <summary>A database of many stored users, written through the storage itself: settings and a book (wallet, three positions, a mark) each.</summary>
internal static class StoredUsers
{
    private const int PerTransaction = 2_000;

    public static void Write(string path, int users, long firstUser)
    {
        using var storage = LiteDbStorage.Open(path);
        for (var from = 0; from < users; from += PerTransaction)
        {
            var batch = Math.Min(PerTransaction, users - from);
            storage.InTransaction(() =>
            {
                for (var i = from; i < from + batch; i++)
                {
                    var user = firstUser + i;
                    storage.Save(user, new UserSettings(ExchangeId.Binance, 0.0005m, 0.0002m));
                    storage.Save(user, Book(i));
                }

                return batch;
            });
        }
    }

    private static TraderBook Book(int i)
    {
        var btc = 60_000m + (i % 1_000);
        Position[] positions =
        [
            new() { Symbol = "BTCUSDT", Side = Side.Long, Quantity = 0.01m, EntryPrice = btc, Leverage = 10m, Mode = MarginMode.Cross },
            new() { Symbol = "ETHUSDT", Side = Side.Short, Quantity = 0.5m, EntryPrice = 3_000m + (i % 100), Leverage = 5m, Mode = MarginMode.Isolated, IsolatedMargin = 300m },
            new() { Symbol = "SOLUSDT", Side = Side.Long, Quantity = 4m, EntryPrice = 150m, Leverage = 3m, Mode = MarginMode.Cross },
        ];
        return new TraderBook(5_000m + i, positions, new Dictionary<string, decimal>(StringComparer.Ordinal) { ["BTCUSDT"] = btc + 250m });
    }
}
