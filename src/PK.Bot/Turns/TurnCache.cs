using Microsoft.Extensions.Caching.Memory;
using PK.Bot.Persistence;

namespace PK.Bot.Turns;

/// <summary>What a chat's next turn reads: its person, its state and the kader's interviews, as last committed.</summary>
public sealed record ChatSnapshot(Person Person, ChatState? State, IReadOnlyList<StoredInterview> Interviews)
{
    /// <summary>Roughly what the entry holds in memory (its JSON, two bytes a character), for the cache's size limit.</summary>
    /// <summary>
    /// An interview without its snapshot: what a turn needs of a submitted family unless it opens it (status, times,
    /// hashes, for the writer's checks). A turn that would open one reads the chat from the database instead.
    /// </summary>
    public static StoredInterview Header(StoredInterview interview) => new()
    {
        RecordId = interview.RecordId,
        Version = interview.Version,
        KaderId = interview.KaderId,
        RegionCode = interview.RegionCode,
        Status = interview.Status,
        FamilyKey = interview.FamilyKey,
        KkNikHash = interview.KkNikHash,
        SnapshotJson = "",
        StartedAt = interview.StartedAt,
        UpdatedAt = interview.UpdatedAt,
        SubmittedAt = interview.SubmittedAt,
    };

    public static bool IsHeader(StoredInterview interview) => interview.SnapshotJson.Length == 0;

    public long Size => 2L * ((State?.StateJson.Length ?? 0) + Interviews.Sum(i => i.SnapshotJson.Length + 200)) + 1_024;
}

/// <summary>
/// The hot part of each active chat, kept in memory behind the database so a turn decides without reading it again.
/// The database stays the record: the <see cref="TurnWriter"/> checks every turn's reads (person, state version,
/// interviews) against it inside the commit, so a stale entry costs one turn applied again, never a wrong write. An
/// entry is replaced after each committed turn and dropped whenever its chat's turn took another path. Bounded by
/// <c>Turns:CacheMegabytes</c> (least recently used entries go first).
/// </summary>
public sealed class TurnCache : IDisposable
{
    private readonly MemoryCache cache;

    public TurnCache(IConfiguration configuration)
    {
        var megabytes = configuration.GetValue("Turns:CacheMegabytes", 64);
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(0, megabytes) * 1_048_576L, CompactionPercentage = 0.25 });
        Enabled = megabytes > 0;
    }

    public bool Enabled { get; }

    public ChatSnapshot? Get(ChatKey chat) => Enabled && cache.TryGetValue(chat, out ChatSnapshot? snapshot) ? snapshot : null;

    public void Set(ChatKey chat, ChatSnapshot snapshot)
    {
        if (!Enabled) return;
        cache.Set(chat, snapshot, new MemoryCacheEntryOptions { Size = snapshot.Size, SlidingExpiration = TimeSpan.FromHours(2) });
    }

    public void Forget(ChatKey chat) => cache.Remove(chat);

    public void Dispose() => cache.Dispose();
}
