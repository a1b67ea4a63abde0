namespace PK.Bot.Security;

/// <summary>The data key is missing, malformed or does not open the database: start-up stops with this one-line message.</summary>
public sealed class DataKeyException(string message) : Exception(message)
{
    /// <summary>The key problem behind <paramref name="exception"/>, however the host wrapped it.</summary>
    public static DataKeyException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DataKeyException key) return key;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions)
                    if (Find(inner) is { } found) return found;
        }
        return null;
    }
}
