namespace MarginBot.Conversations.Chat;

/// <summary>
/// A store could not read or write (the disk is full, the file reached its size limit, an I/O error,
/// a damaged file, the store is closed): the failure is the store's, not the data's. Stores behind the
/// ports throw it with the cause inside, so that a caller tells it from a failure caused by what it
/// was handling: an update whose store failed is kept and tried again once the store works, where an
/// update that fails by itself is poison and skipped.
/// </summary>
public sealed class StoreFailedException : Exception
{
    public StoreFailedException()
        : base("The store failed.")
    {
    }

    public StoreFailedException(string message)
        : base(message)
    {
    }

    public StoreFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
