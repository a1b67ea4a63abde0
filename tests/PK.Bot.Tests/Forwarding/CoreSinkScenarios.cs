using PK.Bot.Forwarding;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Forwarding;

/// <summary>The core database's rules (docs/architecture.md, "The core database"), the same for every SQL sink.</summary>
public static class CoreSinkScenarios
{
    public static async Task NewRecordsAreStoredWithTheirColumns(SqlCoreSink sink, CoreQuery core)
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToList();
        var outcomes = await sink.DeliverAsync([.. ids.Select(id => FamilyRecords.Record(id))], default);

        Assert.All(outcomes, o => Assert.Equal(OutcomeKind.Accepted, o.Kind));
        Assert.Equal(3, await core.CountAsync("pk_family_records"));
        var id = ids[1].ToString("D");
        Assert.Equal("33.13.01.2001", await core.TextAsync($"SELECT region_code FROM pk_family_records WHERE record_id = '{id}'"));
        Assert.Equal("1", await core.TextAsync($"SELECT record_version FROM pk_family_records WHERE record_id = '{id}'"));
        Assert.Equal("pk21", await core.TextAsync($"SELECT form_id FROM pk_family_records WHERE record_id = '{id}'"));
        Assert.Contains("3313011708750001", await core.TextAsync($"SELECT CAST(payload AS text) FROM pk_family_records WHERE record_id = '{id}'"));
    }

    public static async Task AnIdenticalRepeatIsAcceptedAndChangesNothing(SqlCoreSink sink, CoreQuery core)
    {
        var id = Guid.CreateVersion7();
        await sink.DeliverAsync([FamilyRecords.Record(id)], default);
        var receivedAt = await core.TextAsync("SELECT CAST(received_at AS text) FROM pk_family_records");
        await Task.Delay(20);

        var again = await sink.DeliverAsync([FamilyRecords.Record(id), FamilyRecords.Record(Guid.CreateVersion7())], default);

        Assert.All(again, o => Assert.Equal(OutcomeKind.Accepted, o.Kind));
        Assert.Equal(2, await core.CountAsync("pk_family_records"));
        Assert.Equal(receivedAt, await core.TextAsync($"SELECT CAST(received_at AS text) FROM pk_family_records WHERE record_id = '{id:D}'"));
        Assert.Equal(0, await core.CountAsync("pk_family_record_history"));
        Assert.Equal(0, await core.CountAsync("pk_family_record_conflicts"));
    }

    public static async Task ANewerVersionBecomesTheRowAndTheOlderMovesToHistory(SqlCoreSink sink, CoreQuery core)
    {
        var id = Guid.CreateVersion7();
        await sink.DeliverAsync([FamilyRecords.Record(id, 1)], default);
        var outcome = await sink.DeliverAsync([FamilyRecords.Record(id, 2, street: "Jl. Mawar 7")], default);
        // A late copy of version 1 and a repeat of version 2 change nothing.
        var late = await sink.DeliverAsync([FamilyRecords.Record(id, 1), FamilyRecords.Record(id, 2, street: "Jl. Mawar 7")], default);

        Assert.Equal(OutcomeKind.Accepted, Assert.Single(outcome).Kind);
        Assert.All(late, o => Assert.Equal(OutcomeKind.Accepted, o.Kind));
        Assert.Equal(1, await core.CountAsync("pk_family_records"));
        Assert.Equal("2", await core.TextAsync("SELECT record_version FROM pk_family_records"));
        Assert.Contains("Jl. Mawar 7", await core.TextAsync("SELECT CAST(payload AS text) FROM pk_family_records"));
        Assert.Equal(1, await core.CountAsync("pk_family_record_history", $"record_id = '{id:D}' AND record_version = 1"));
        Assert.Equal(1, await core.CountAsync("pk_family_record_history"));
    }

    public static async Task TwoVersionsInOneBatchLeaveTheNewerAsTheRow(SqlCoreSink sink, CoreQuery core)
    {
        var id = Guid.CreateVersion7();
        var outcomes = await sink.DeliverAsync([FamilyRecords.Record(id, 1), FamilyRecords.Record(id, 2, street: "Jl. Mawar 7")], default);

        Assert.All(outcomes, o => Assert.Equal(OutcomeKind.Accepted, o.Kind));
        Assert.Equal("2", await core.TextAsync("SELECT record_version FROM pk_family_records"));
        Assert.Equal(1, await core.CountAsync("pk_family_record_history", "record_version = 1"));
    }

    public static async Task SameVersionOtherContentIsAConflictSetAsideNeverAnOverwrite(SqlCoreSink sink, CoreQuery core)
    {
        var id = Guid.CreateVersion7();
        await sink.DeliverAsync([FamilyRecords.Record(id)], default);

        var first = await sink.DeliverAsync([FamilyRecords.Record(id, street: "Jl. Kenanga 9")], default);
        var repeat = await sink.DeliverAsync([FamilyRecords.Record(id, street: "Jl. Kenanga 9")], default);

        Assert.Equal(OutcomeKind.Conflict, Assert.Single(first).Kind);
        Assert.Equal(OutcomeKind.Conflict, Assert.Single(repeat).Kind);
        Assert.Contains("Jl. Melati 5", await core.TextAsync("SELECT CAST(payload AS text) FROM pk_family_records"));
        Assert.Equal(1, await core.CountAsync("pk_family_record_conflicts", $"record_id = '{id:D}'"));
        Assert.Contains("Jl. Kenanga 9", await core.TextAsync("SELECT CAST(payload AS text) FROM pk_family_record_conflicts"));
    }

    public static async Task ARefusedRecordIsRejectedWhileTheRestOfTheBatchIsStored(SqlCoreSink sink, CoreQuery core, params CoreRecord[] refused)
    {
        var good = Enumerable.Range(0, 4).Select(_ => FamilyRecords.Record(Guid.CreateVersion7())).ToList();
        var batch = good.Take(2).Concat(refused).Concat(good.Skip(2)).ToList();

        var outcomes = await sink.DeliverAsync(batch, default);

        Assert.Equal(good.Select(g => g.RecordId), outcomes.Where(o => o.Kind == OutcomeKind.Accepted).Select(o => o.Record.RecordId));
        Assert.Equal(refused.Select(r => r.RecordId), outcomes.Where(o => o.Kind == OutcomeKind.Rejected).Select(o => o.Record.RecordId));
        Assert.All(outcomes.Where(o => o.Kind == OutcomeKind.Rejected), o => Assert.False(string.IsNullOrWhiteSpace(o.Reason)));
        Assert.All(outcomes.Where(o => o.Kind == OutcomeKind.Rejected), o => Assert.DoesNotContain("3313011708750001", o.Reason));
        Assert.Equal(4, await core.CountAsync("pk_family_records"));
    }

    public static async Task TheSchemaIsCreatedOnceAndUpgradingAgainChangesNothing(SqlCoreSink sink, CoreQuery core)
    {
        await sink.EnsureSchemaAsync(default);
        await sink.DeliverAsync([FamilyRecords.Record(Guid.CreateVersion7())], default);
        await sink.EnsureSchemaAsync(default);

        Assert.Equal(1, await core.CountAsync("pk_core_schema"));
        Assert.Equal("1", await core.TextAsync("SELECT max(version) FROM pk_core_schema"));
        Assert.Equal(1, await core.CountAsync("pk_family_records"));
    }

    public static CoreRecord NotADesa() => FamilyRecords.Record(Guid.CreateVersion7(), desa: "3313012001");
}
