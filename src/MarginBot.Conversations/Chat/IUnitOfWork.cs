namespace MarginBot.Conversations.Chat;

/// <summary>
/// Port: durable transactions around decisions. Every store call a work makes (through the other
/// ports) is kept together with the others of its transaction or, when the work throws, not at all;
/// a work is done only once its transaction is durable. A work is synchronous (never waits on the
/// network) and may run twice (a group rolled back for another work's failure is run again), so it
/// changes nothing outside the stores that a second run cannot repeat. A failure of the store itself
/// is a <see cref="StoreFailedException"/>; any other exception is the work's own.
/// </summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Runs <paramref name="works"/> in order, in transactions shared with other callers' works (one
    /// wait for the disk for many); each task completes with its work's result once it is durable, or
    /// fails with its work's own exception (the others unaffected) or the store's failure.
    /// </summary>
    IReadOnlyList<Task<T>> RunShared<T>(IReadOnlyList<Func<T>> works);

    /// <summary>Runs <paramref name="work"/> in a transaction of its own; returns once it is durable.</summary>
    T Run<T>(Func<T> work);
}
