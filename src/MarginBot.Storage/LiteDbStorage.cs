using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using LiteDB;
using MarginBot.Conversations.Alerts;
using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Portfolio;
using MarginBot.Conversations.Sessions;
using MarginBot.Conversations.Settings;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;

namespace MarginBot.Storage;

/// <summary>
/// The storage ports over one LiteDB file. Open exactly one per file per process (LiteDB 5.0.21
/// corrupts a file written by two); collections, indexes and the mapper are set up here, once, on
/// the opening thread. Dispose to close the file.
/// </summary>
public sealed class LiteDbStorage : IUserSettingsStore, IBookStore, ISessionStore, IProcessedMessages, IAlertStore, IOutgoingJournal, IHandledUpdates, IUnitOfWork, IDisposable
{
    /// <summary>Handled message ids older than this are forgotten: Telegram keeps pending updates 24 hours.</summary>
    private static readonly TimeSpan ProcessedRetention = TimeSpan.FromDays(2);

    /// <summary>The most works one shared transaction runs; the rest wait for the next (a group holds the storage lock throughout).</summary>
    private const int MaxGroup = 256;

    /// <summary>How long a checkpoint may wait for the transactions under way to commit, so that it covers them too.</summary>
    private static readonly TimeSpan GroupWait = TimeSpan.FromMilliseconds(4);

    private readonly LiteDatabase _database;
    private readonly string _path;
    private readonly ILiteCollection<UserDocument> _users;
    private readonly ILiteCollection<BookDocument> _books;
    private readonly ILiteCollection<SessionDocument> _sessions;
    private readonly ILiteCollection<ProcessedDocument> _processed;
    private readonly ILiteCollection<HandledUpdateDocument> _updates;
    private readonly ILiteCollection<OutgoingDocument> _outgoing;
    private readonly ILiteCollection<AlertSettingsDocument> _alerts;
    private readonly ILiteCollection<AlertSentDocument> _alertsSent;
    private readonly Lock _gate = new();
    private readonly Lock _durableGate = new();
    private readonly Lock _sharedGate = new();
    private List<ISharedWork> _shared = [];
    private bool _sharing;
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUpdatesSweep = DateTimeOffset.MinValue;
    private DateOnly _alertsSweptDay = DateOnly.MinValue;

    // Transactions started and not yet committed; commits counted; the highest commit known to be on disk.
    private int _inside;
    private long _committed;
    private long _durable;

    private LiteDbStorage(LiteDatabase database, string path)
    {
        _database = database;
        _path = path;
        _users = database.GetCollection<UserDocument>("users");
        _books = database.GetCollection<BookDocument>("books");
        _sessions = database.GetCollection<SessionDocument>("sessions");
        _processed = database.GetCollection<ProcessedDocument>("processed");
        _outgoing = database.GetCollection<OutgoingDocument>("outgoing", BsonAutoId.Int64);
        _sessions.EnsureIndex(s => s.LastActivityUtc);
        _processed.EnsureIndex(p => p.HandledUtc);
        _updates = database.GetCollection<HandledUpdateDocument>("updates");
        _updates.EnsureIndex(u => u.HandledUtc);
        _alerts = database.GetCollection<AlertSettingsDocument>("alerts");
        _alertsSent = database.GetCollection<AlertSentDocument>("alerts_sent");
        _alerts.EnsureIndex(a => a.Enabled);
        _alertsSent.EnsureIndex(a => a.Day);

        // A collection is made by its first insert. Made here instead, on the opening thread: when that
        // first insert is in a transaction that fails (the file full), LiteDB 5.0.21 was seen to leave
        // every later transaction waiting for ever.
        foreach (var (name, autoId) in (ReadOnlySpan<(string, BsonAutoId)>)[("users", BsonAutoId.Int64), ("books", BsonAutoId.Int64), ("outgoing", BsonAutoId.Int64)])
        {
            if (!database.CollectionExists(name))
            {
                var collection = database.GetCollection(name, autoId);
                collection.Delete(collection.Insert(new BsonDocument()));
            }
        }
    }

    /// <summary>Opens (creating it and its folder when needed) the database at <paramref name="path"/>.</summary>
    public static LiteDbStorage Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            // A folder made for the database is its owner's alone; an existing one is left as it is.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerOnlyFolder);
            }
        }

        // Books are private: the data file and its -log file are readable by their owner only. LiteDB
        // creates them with the process's umask, so they are made (or tightened) here first.
        OwnerOnly(full);
        OwnerOnly(LogFileOf(full));

        // The default mapper trims strings and turns "" into null; stored answers must come back as given.
        var mapper = new BsonMapper { TrimWhitespace = false, EmptyStringToNull = false, SerializeNullValues = false };
        var connection = new ConnectionString { Filename = full, Connection = ConnectionType.Direct };
        var database = new LiteDatabase(connection, mapper) { UtcDate = true };
        return new LiteDbStorage(database, full);
    }

    /// <summary>The file LiteDB keeps its write-ahead log in: <c>chat.db</c> → <c>chat-log.db</c>.</summary>
    public static string LogFileOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full) ?? string.Empty, Path.GetFileNameWithoutExtension(full) + "-log" + Path.GetExtension(full));
    }

    /// <summary>The four ports, for the dispatcher.</summary>
    public ConversationStores AsStores() => new(this, this, this, this, this);

    /// <inheritdoc />
    AlertSettings? IAlertStore.Load(long userId)
    {
        lock (_gate)
        {
            var doc = _alerts.FindById(userId);
            return doc is null ? null : new AlertSettings(doc.Enabled, doc.DistanceLevels, doc.MarginRatioLevels)
            {
                MutedUntil = (doc.MutedUntil ?? []).DistinctBy(m => m.Key).ToFrozenDictionary(
                    m => m.Key,
                    m => new DateTimeOffset(DateTime.SpecifyKind(m.UntilUtc, DateTimeKind.Utc)),
                    StringComparer.Ordinal),
            };
        }
    }

    /// <inheritdoc />
    public void Save(long userId, AlertSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var doc = new AlertSettingsDocument
        {
            Id = userId,
            Enabled = settings.Enabled,
            DistanceLevels = [.. settings.DistanceLevels],
            MarginRatioLevels = [.. settings.MarginRatioLevels],
            MutedUntil = [.. settings.MutedUntil.Select(m => new MuteDocument { Key = m.Key, UntilUtc = m.Value.UtcDateTime })],
        };
        lock (_gate)
        {
            _alerts.Upsert(doc);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<long> Subscribers()
    {
        lock (_gate)
        {
            return [.. _alerts.Find(a => a.Enabled).Select(a => a.Id)];
        }
    }

    /// <inheritdoc />
    public bool TryRecordSent(long userId, string alertKey, DateOnly day)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alertKey);
        var id = string.Create(CultureInfo.InvariantCulture, $"{userId}:{alertKey}:{day:yyyy-MM-dd}");
        lock (_gate)
        {
            if (_alertsSent.FindById(id) is not null)
            {
                return false;
            }

            // Yesterday's records can no longer stop anything: swept as the day turns, once per day and
            // process (a sweep on every insert cost more than the rest of a pass's alerts together).
            if (_alertsSweptDay != day)
            {
                _alertsSent.DeleteMany(a => a.Day < day.AddDays(-1).DayNumber);
                _alertsSweptDay = day;
            }

            _alertsSent.Insert(new AlertSentDocument { Id = id, Day = day.DayNumber });
            return true;
        }
    }

    /// <inheritdoc />
    public UserSettings? Load(long userId)
    {
        lock (_gate)
        {
            var doc = _users.FindById(userId);
            return doc is null ? null : new UserSettings(Enum.Parse<ExchangeId>(doc.Exchange), doc.Taker, doc.Maker);
        }
    }

    /// <inheritdoc />
    public void Save(long userId, UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_gate)
        {
            _users.Upsert(new UserDocument { Id = userId, Exchange = settings.Exchange.ToString(), Taker = settings.Taker, Maker = settings.Maker });
        }
    }

    /// <inheritdoc />
    TraderBook? IBookStore.Load(long userId)
    {
        lock (_gate)
        {
            var doc = _books.FindById(userId)?.Upgraded();
            if (doc is null)
            {
                return null;
            }

            var positions = doc.Positions.Select(p => new Position
            {
                Symbol = p.Symbol,
                Side = Enum.Parse<Side>(p.Side),
                Quantity = p.Quantity,
                EntryPrice = p.EntryPrice,
                Leverage = p.Leverage,
                Mode = Enum.Parse<MarginMode>(p.Mode),
                IsolatedMargin = p.IsolatedMargin,
            }).ToList();
            return new TraderBook(doc.WalletBalance, positions, doc.Marks.ToFrozenDictionary(StringComparer.Ordinal))
            {
                MarkSources = doc.MarkSources.ToFrozenDictionary(
                    e => e.Key,
                    e => new MarkSource(e.Value.Source, new DateTimeOffset(DateTime.SpecifyKind(e.Value.FetchedUtc, DateTimeKind.Utc))),
                    StringComparer.Ordinal),
            };
        }
    }

    /// <inheritdoc />
    public void Save(long userId, TraderBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var doc = new BookDocument
        {
            Id = userId,
            WalletBalance = book.WalletBalance,
            Positions = [.. book.Positions.Select(p => new PositionDocument
            {
                Symbol = p.Symbol,
                Side = p.Side.ToString(),
                Quantity = p.Quantity,
                EntryPrice = p.EntryPrice,
                Leverage = p.Leverage,
                Mode = p.Mode.ToString(),
                IsolatedMargin = p.IsolatedMargin,
            })],
            Marks = new Dictionary<string, decimal>(book.Marks, StringComparer.Ordinal),
            MarkSources = book.MarkSources.ToDictionary(
                e => e.Key,
                e => new MarkSourceDocument { Source = e.Value.Source, FetchedUtc = e.Value.FetchedAt.UtcDateTime },
                StringComparer.Ordinal),
        };
        lock (_gate)
        {
            _books.Upsert(doc);
        }
    }

    /// <inheritdoc />
    public Session? Load(long chatId, long userId)
    {
        lock (_gate)
        {
            var doc = _sessions.FindById(Key(chatId, userId));
            return doc is null
                ? null
                : new Session(doc.Flow, doc.State, doc.Answers.ToFrozenDictionary(StringComparer.Ordinal), new DateTimeOffset(DateTime.SpecifyKind(doc.LastActivityUtc, DateTimeKind.Utc)));
        }
    }

    /// <inheritdoc />
    public void Save(long chatId, long userId, Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var doc = new SessionDocument
        {
            Id = Key(chatId, userId),
            Flow = session.Flow,
            State = session.State,
            Answers = new Dictionary<string, string>(session.Answers, StringComparer.Ordinal),
            LastActivityUtc = session.LastActivity.UtcDateTime,
        };
        lock (_gate)
        {
            _sessions.Upsert(doc);
        }
    }

    /// <inheritdoc />
    public void Delete(long chatId, long userId)
    {
        lock (_gate)
        {
            _sessions.Delete(Key(chatId, userId));
        }
    }

    /// <inheritdoc />
    public bool WasProcessed(long chatId, long messageId)
    {
        lock (_gate)
        {
            return _processed.FindById(Key(chatId, messageId)) is not null;
        }
    }

    /// <inheritdoc />
    public IReadOnlySet<long> Processed(long chatId, IReadOnlyCollection<long> messageIds)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        try
        {
            lock (_gate)
            {
                return messageIds.Where(id => _processed.FindById(Key(chatId, id)) is not null).ToHashSet();
            }
        }
        catch (Exception e) when (IsStoreFault(e) && e is not StoreFailedException)
        {
            throw Failed("reading the handled ids", e);
        }
    }

    /// <summary>
    /// Update ids handled by versions before the handled-update record were kept as message ids of this
    /// chat id, which no chat has; still read, so an update handled just before an upgrade is not handled again.
    /// </summary>
    private const long LegacyUpdatesChat = 0;

    /// <inheritdoc />
    public IReadOnlySet<long> Handled(IReadOnlyCollection<long> updateIds)
    {
        ArgumentNullException.ThrowIfNull(updateIds);
        try
        {
            lock (_gate)
            {
                return updateIds.Where(id => _updates.FindById(id) is not null || _processed.FindById(Key(LegacyUpdatesChat, id)) is not null).ToHashSet();
            }
        }
        catch (Exception e) when (IsStoreFault(e) && e is not StoreFailedException)
        {
            throw Failed("reading the handled update ids", e);
        }
    }

    /// <inheritdoc />
    public void MarkHandled(long updateId, DateTimeOffset at)
    {
        lock (_gate)
        {
            _updates.Upsert(new HandledUpdateDocument { Id = updateId, HandledUtc = at.UtcDateTime });
            if (at - _lastUpdatesSweep > TimeSpan.FromHours(1))
            {
                var cutoff = (at - ProcessedRetention).UtcDateTime;
                _updates.DeleteMany(u => u.HandledUtc < cutoff);
                _lastUpdatesSweep = at;
            }
        }
    }

    /// <inheritdoc />
    public void MarkProcessed(long chatId, long messageId, DateTimeOffset at)
    {
        lock (_gate)
        {
            _processed.Upsert(new ProcessedDocument { Id = Key(chatId, messageId), HandledUtc = at.UtcDateTime });
            if (at - _lastSweep > TimeSpan.FromHours(1))
            {
                var cutoff = (at - ProcessedRetention).UtcDateTime;
                _processed.DeleteMany(p => p.HandledUtc < cutoff);
                _lastSweep = at;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> (synchronous: never await inside) as one transaction: every store
    /// call it makes is kept together or, when it throws, not at all. Other callers wait meanwhile.
    /// A process killed half-way through leaves the file as it was before; once it returns, the
    /// changes are on disk (a process killed then keeps them). While it waits for the disk, later
    /// transactions may already read its changes; they too return only once on disk, which covers
    /// this one, so nothing decided from it is released before it is durable.
    /// </summary>
    public T InTransaction<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result;
        long commit;
        Interlocked.Increment(ref _inside);
        try
        {
            lock (_gate)
            {
                // Store calls inside take _gate again on this thread (Lock is re-entrant) and join the transaction.
                bool began;
                try
                {
                    began = _database.BeginTrans();
                }
                catch (Exception e)
                {
                    throw Failed("starting a transaction", e);
                }

                if (!began)
                {
                    return work();
                }

                try
                {
                    result = work();
                }
                catch (Exception failure)
                {
                    RollBack(failure);

                    // The work's own failure stays what it is (the caller's poison), unless a store call inside it failed.
                    if (IsStoreFault(failure) && failure is not StoreFailedException)
                    {
                        throw Failed("a transaction", failure);
                    }

                    throw;
                }

                try
                {
                    _database.Commit();
                    commit = Interlocked.Increment(ref _committed);
                }
                catch (Exception failure)
                {
                    RollBack(failure);
                    throw Failed("committing a transaction", failure);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }

        // Outside _gate: the next transactions run while this one waits for the disk.
        try
        {
            Durable(commit);
        }
        catch (Exception e)
        {
            throw Failed("writing a transaction to disk", e);
        }

        return result;
    }

    /// <summary>
    /// True when <paramref name="e"/> (or an exception inside it) is the store's failure rather than
    /// the data's: an I/O error, no permission, the file closed, its size limit reached, a file LiteDB
    /// cannot read or a lock it cannot take. LiteDB 5.0.21 raises the size limit ("Maximum data file
    /// size has been reached") and its other internal faults with error code 0. Its remaining errors
    /// (a duplicate key, a value it cannot map, a document too deep) belong to what was stored.
    /// </summary>
    public static bool IsStoreFault(Exception e) => e switch
    {
        StoreFailedException or IOException or UnauthorizedAccessException or ObjectDisposedException => true,
        LiteException lite when lite.ErrorCode is 0 or LiteException.FILE_NOT_FOUND or LiteException.DATABASE_SHUTDOWN
            or LiteException.INVALID_DATABASE or LiteException.FILE_SIZE_EXCEEDED or LiteException.LOCK_TIMEOUT
            or LiteException.ALREADY_OPEN_DATAFILE or LiteException.INVALID_TRANSACTION_STATE or LiteException.ENGINE_DISPOSED
            or LiteException.INVALID_FREE_SPACE_PAGE or LiteException.INVALID_DATAFILE_STATE => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsStoreFault),
        _ => e.InnerException is { } inner && IsStoreFault(inner),
    };

    private static StoreFailedException Failed(string doing, Exception cause) =>
        cause as StoreFailedException ?? new StoreFailedException($"The database failed {doing}: {cause.Message}", cause);

    /// <summary>Undoes the transaction under way; when that fails too, both failures are kept (the rollback's alone would hide why).</summary>
    private void RollBack(Exception failure)
    {
        try
        {
            _database.Rollback();
        }
        catch (Exception rollback)
        {
            throw new StoreFailedException("A transaction failed and so did its rollback: " + rollback.Message, new AggregateException(failure, rollback));
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> (synchronous, re-runnable: it may change nothing outside the
    /// stores but what a second run can repeat) in one transaction with the work other callers
    /// handed in meanwhile, on one storage thread; completes once it is on disk. One commit and one
    /// wait for the disk serve the whole group, where <see cref="InTransaction{T}"/> costs each caller
    /// its own. When one work of a group throws, the group is rolled back and each work run again in
    /// a transaction of its own, so only the failing one fails (its task carries the exception).
    /// A work must not wait for another shared work: both would wait for ever.
    /// </summary>
    public Task<T> InSharedTransactionAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InSharedTransactionAsync([work])[0];
    }

    /// <summary>
    /// Hands several works over at once, in order (they run in that order, none of them before the
    /// others were handed over, so they start in one group); one task per work, as
    /// <see cref="InSharedTransactionAsync{T}(Func{T})"/>.
    /// </summary>
    public IReadOnlyList<Task<T>> InSharedTransactionAsync<T>(IReadOnlyList<Func<T>> works)
    {
        ArgumentNullException.ThrowIfNull(works);
        var shared = works.Select(work => new SharedWork<T>(work ?? throw new ArgumentException("A work is null.", nameof(works)))).ToList();
        bool start;
        lock (_sharedGate)
        {
            _shared.AddRange(shared);
            start = !_sharing && shared.Count > 0;
            _sharing |= start;
        }

        if (start)
        {
            _ = Task.Run(RunShared);
        }

        return [.. shared.Select(w => w.Task)];
    }

    /// <summary>Runs the shared work in groups until none is waiting: what arrives during a group's commit forms the next group.</summary>
    private void RunShared()
    {
        while (true)
        {
            List<ISharedWork> group;
            lock (_sharedGate)
            {
                if (_shared.Count == 0)
                {
                    _sharing = false;
                    return;
                }

                group = _shared.Count <= MaxGroup ? _shared : _shared[..MaxGroup];
                _shared = _shared.Count <= MaxGroup ? [] : _shared[MaxGroup..];
            }

            var workFailed = false;
            try
            {
                InTransaction(() =>
                {
                    workFailed = true;
                    foreach (var work in group)
                    {
                        work.Run();
                    }

                    workFailed = false;
                    return group.Count;
                });
            }
#pragma warning disable CA1031 // Every failure reaches the callers: a work's by running each alone, the commit's or the disk's to all of them.
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var work in group)
                {
                    if (workFailed && e is not StoreFailedException)
                    {
                        // Rolled back: nothing of the group was kept.
                        RunAlone(work);
                    }
                    else
                    {
                        // The commit or the wait for the disk failed (running the work again could apply it
                        // twice), or the store failed inside the work: every work of the group fails alike.
                        work.Fail(e);
                    }
                }

                continue;
            }

            foreach (var work in group)
            {
                work.Complete();
            }
        }
    }

    private void RunAlone(ISharedWork work)
    {
        try
        {
            InTransaction(() =>
            {
                work.Run();
                return 0;
            });
            work.Complete();
        }
#pragma warning disable CA1031 // The failure belongs to the caller, who gets it from its task.
        catch (Exception e)
#pragma warning restore CA1031
        {
            work.Fail(e);
        }
    }

    /// <inheritdoc />
    IReadOnlyList<Task<T>> IUnitOfWork.RunShared<T>(IReadOnlyList<Func<T>> works) => InSharedTransactionAsync(works);

    /// <inheritdoc />
    T IUnitOfWork.Run<T>(Func<T> work) => InTransaction(work);

    /// <summary>Keeps a reply to send to <paramref name="chatId"/> until <see cref="ForgetOutgoingAsync"/>; returns its id (increasing).</summary>
    public long AddOutgoing(long chatId, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        lock (_gate)
        {
            return _outgoing.Insert(new OutgoingDocument { ChatId = chatId, Payload = payload }).AsInt64;
        }
    }

    /// <summary>Forgets a reply that was delivered (or never can be); completes once that is on disk, in a shared transaction.</summary>
    public Task ForgetOutgoingAsync(long id) => InSharedTransactionAsync(() => _outgoing.Delete(id));

    /// <inheritdoc />
    long IOutgoingJournal.Keep(long chatId, OutgoingReply reply) => AddOutgoing(chatId, OutgoingJson.Write(reply));

    /// <inheritdoc />
    Task IOutgoingJournal.ForgetAsync(long id) => ForgetOutgoingAsync(id);

    /// <inheritdoc />
    IReadOnlyList<KeptReply> IOutgoingJournal.Kept() => [.. PendingOutgoing().Select(k => new KeptReply(k.Id, k.ChatId, OutgoingJson.Read(k.Payload)))];

    /// <summary>
    /// Returns once commit number <paramref name="commit"/> and every one before it are in the data file. LiteDB 5 returns from a commit before its
    /// pages are written: a background queue writes them to the -log file (and flushes) later, so a
    /// process killed in between loses the commit (seen as a reply sent twice in the crash test). A
    /// checkpoint waits for that queue, copies the log into the data file and flushes it.
    /// </summary>
    /// <remarks>
    /// A group commit. A checkpoint (an fsync, and LiteDB lets no transaction run meanwhile) after each
    /// transaction was half of the time of an update under load (issue 8). Now one checkpoint covers
    /// every transaction committed before it started: the caller that starts it first lets the
    /// transactions already under way commit (at most <see cref="GroupWait"/>), and callers that
    /// arrive meanwhile wait for it and then find their commit already on disk.
    /// </remarks>
    private void Durable(long commit)
    {
        lock (_durableGate)
        {
            if (_durable >= commit)
            {
                return;
            }

            var waited = Stopwatch.StartNew();
            while (Volatile.Read(ref _inside) > 0 && waited.Elapsed < GroupWait)
            {
                Thread.Sleep(1);
            }

            var covered = Interlocked.Read(ref _committed);
            _database.Checkpoint();
            _durable = covered;
        }
    }

    /// <summary>The replies kept and not yet forgotten, oldest first: what a crash left unsent.</summary>
    public IReadOnlyList<(long Id, long ChatId, string Payload)> PendingOutgoing()
    {
        lock (_gate)
        {
            return [.. _outgoing.FindAll().OrderBy(o => o.Id).Select(o => (o.Id, o.ChatId, o.Payload))];
        }
    }

    /// <summary>
    /// Caps the data file at <paramref name="bytes"/> (LiteDB's LIMIT_SIZE, at least the file's size
    /// now; null for no cap): a transaction that would grow the file beyond fails as a store failure,
    /// as on a full disk, until the cap is raised. For tests of the bot's behaviour when the store fails.
    /// </summary>
    public void LimitFileSize(long? bytes)
    {
        lock (_gate)
        {
            _database.Checkpoint();
            _database.LimitSize = bytes ?? long.MaxValue;
        }
    }

    /// <summary>The data file's size now (after a checkpoint), in bytes.</summary>
    public long FileSize()
    {
        lock (_gate)
        {
            _database.Checkpoint();
            return new FileInfo(_path).Length;
        }
    }

    /// <summary>Closes the file once the transaction and the wait for the disk under way (a shared group's, say) are done; later calls fail.</summary>
    public void Dispose()
    {
        lock (_durableGate)
        {
            lock (_gate)
            {
                _database.Dispose();
            }
        }
    }

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    private static void OwnerOnly(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (File.Exists(file))
        {
            File.SetUnixFileMode(file, OwnerOnlyFile);
            return;
        }

        // An empty file is a new database (or an empty log) to LiteDB.
        using var created = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
    }

    private interface ISharedWork
    {
        void Run();

        void Complete();

        void Fail(Exception exception);
    }

    /// <summary>A caller's work in a shared transaction: run (perhaps twice), then completed with its last result once that is on disk.</summary>
    private sealed class SharedWork<T>(Func<T> work) : ISharedWork
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;

        public void Run() => _result = work();

        public void Complete() => _done.TrySetResult(_result);

        public void Fail(Exception exception) => _done.TrySetException(exception);
    }

    private static string Key(long a, long b) => string.Create(CultureInfo.InvariantCulture, $"{a}:{b}");
}
