using PK.Bot.Persistence;

namespace PK.Bot.Tests.Support;

public static class StoredAnswers
{
    /// <summary>The audit of a kader's families, oldest first: what was stored, in the order it was stored.</summary>
    public static async Task<List<string>> AuditOfAsync(BotDbContext db, Guid kaderId)
    {
        var records = await db.Interviews.Where(i => i.KaderId == kaderId).Select(i => i.RecordId).ToListAsync();
        var rows = await db.AnswerAudit.Where(a => records.Contains(a.RecordId)).OrderBy(a => a.Id).ToListAsync();
        return rows.Select(a => $"{a.ItemKey} {a.Kind} {a.ValueJson}").ToList();
    }

    /// <summary>Which items were stored, and how, in order (values left out).</summary>
    public static async Task<List<string>> ItemsOfAsync(BotDbContext db, Guid kaderId) =>
        (await AuditOfAsync(db, kaderId)).Select(a => string.Join(' ', a.Split(' ').Take(2))).ToList();

    /// <summary>The echo lines of replies ("✓ K.1 Alamat rumah"), without the values echoed.</summary>
    public static IEnumerable<string> Echoes(IEnumerable<string> replies) =>
        replies.SelectMany(r => r.Split('\n')).Where(l => l.StartsWith('✓')).Select(l => l.Split(':')[0]);
}
