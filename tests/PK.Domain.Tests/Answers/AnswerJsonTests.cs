using System.Text.Json;
using PK.Domain.Answers;
using PK.Domain.Interviews;

namespace PK.Domain.Tests.Answers;

/// <summary>
/// Answers as the host stores them (snapshots and audit rows, System.Text.Json defaults): only what makes the answer,
/// not the values derived from it; rows written before the derived values were left out still read the same.
/// </summary>
public class AnswerJsonTests
{
    public static TheoryData<AnswerValue, string> Answers => new()
    {
        { new NumberAnswer(25), """{"t":"n","Value":25}""" },
        { new DecimalAnswer(12.5m), """{"t":"x","Value":12.5}""" },
        { new TextAnswer("Siti Aminah"), """{"t":"s","Value":"Siti Aminah"}""" },
        { new DateAnswer(new DateOnly(1982, 11, 2)), """{"t":"d","Value":"1982-11-02"}""" },
        { new MonthYearAnswer(2018, 3), """{"t":"m","Year":2018,"Month":3}""" },
        { new ChoiceAnswer(2), """{"t":"c","Code":2}""" },
        { new MultiChoiceAnswer([3, 2]), """{"t":"mc","Codes":[2,3]}""" },
        { new NikAnswer("3313014211820002"), """{"t":"nik","Nik":"3313014211820002"}""" },
        { new NikAnswer(null), """{"t":"nik","Nik":null}""" },
        { new PhoneAnswer("6281234567890"), """{"t":"p","Digits":"6281234567890"}""" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void AnAnswerIsStoredAsItsDiscriminatorAndItsOwnFields(AnswerValue answer, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(answer));
        Assert.Equal(answer, JsonSerializer.Deserialize<AnswerValue>(json));
    }

    /// <summary>What earlier versions wrote: the derived values beside the answer's own fields.</summary>
    public static TheoryData<string, AnswerValue> OlderRows => new()
    {
        { """{"t":"n","Value":25,"ExpressionValue":25,"RecordValue":25}""", new NumberAnswer(25) },
        { """{"t":"d","Value":"1982-11-02","ExpressionValue":"1982-11-02T00:00:00","RecordValue":"1982-11-02"}""", new DateAnswer(new DateOnly(1982, 11, 2)) },
        { """{"t":"m","Year":2018,"Month":3,"ExpressionValue":"2018-03-01T00:00:00","RecordValue":"2018-03"}""", new MonthYearAnswer(2018, 3) },
        { """{"t":"c","Code":2,"ExpressionValue":2,"RecordValue":2}""", new ChoiceAnswer(2) },
        { """{"t":"mc","Codes":[2,3],"ExpressionValue":[2,3],"RecordValue":[2,3]}""", new MultiChoiceAnswer([2, 3]) },
        { """{"t":"nik","Nik":"3313014211820002","ExpressionValue":"3313014211820002","RecordValue":"3313014211820002","Masked":"3313********0002"}""", new NikAnswer("3313014211820002") },
        { """{"t":"s","Value":"Budi","ExpressionValue":"Budi","RecordValue":"Budi"}""", new TextAnswer("Budi") },
    };

    [Theory]
    [MemberData(nameof(OlderRows))]
    public void AnAnswerStoredWithItsDerivedValuesReadsTheSame(string json, AnswerValue expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize<AnswerValue>(json));

    [Fact]
    public void ASnapshotStoredWithDerivedValuesReadsAndIsWrittenWithoutThem()
    {
        const string older = """
            {"RecordId":"6f1d3c39-3a7e-4d0e-9d39-0a9d1f0c5b11","Version":1,"FormId":"pk21","FormVersion":"2021.1","KaderId":"kader-1",
             "RegionCode":"33.13.01.2001","Phase":"Answering","Status":0,"StartedAt":"2021-04-15T09:00:20+07:00","UpdatedAt":"2021-04-15T09:03:00+07:00",
             "SubmittedAt":null,"InterviewDate":"2021-04-15",
             "Answers":[{"Key":"alamat","Value":{"t":"s","Value":"Jl. Melati 5","ExpressionValue":"Jl. Melati 5","RecordValue":"Jl. Melati 5"}},
                        {"Key":"jumlah_anggota","Value":{"t":"n","Value":4,"ExpressionValue":4,"RecordValue":4}},
                        {"Key":"nik#1","Value":{"t":"nik","Nik":"3313011708750001","ExpressionValue":"3313011708750001","RecordValue":"3313011708750001","Masked":"3313********0001"}}],
             "Skipped":["telepon"],"AutoFilled":[],"Focus":null,"PendingAnswer":null,"PendingWarning":null,"PhaseBeforeCancel":null,
             "DuplicateOf":null,"DuplicateDescription":null,"DeliberateDuplicate":false,"ChangeCount":0,"FamilyKey":null,"KkNik":"3313011708750001"}
            """;

        var snapshot = JsonSerializer.Deserialize<InterviewSnapshot>(older)!;

        Assert.Equal([new TextAnswer("Jl. Melati 5"), new NumberAnswer(4), new NikAnswer("3313011708750001")], snapshot.Answers.Select(a => a.Value));
        var written = JsonSerializer.Serialize(snapshot);
        Assert.DoesNotContain("ExpressionValue", written);
        Assert.DoesNotContain("RecordValue", written);
        Assert.DoesNotContain("Masked", written);
        Assert.Equal(written, JsonSerializer.Serialize(JsonSerializer.Deserialize<InterviewSnapshot>(written)));
    }
}
