using PK.Domain.Conversations;
using PK.Domain.Forms;
using PK.Domain.Interviews;

namespace PK.Domain.Tests.Conversations;

/// <summary>A set of item answers (a form screen's) applied like a batch typed in chat, without stopping at a refusal.</summary>
public class FormAnswersTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 3, 0, 0, TimeSpan.Zero);

    private static Interview Start() => Interview.Start(FormLoader.Pk21, Guid.NewGuid(), "kader", "33.13.01.2001", Now, TimeSpan.FromHours(7));

    private static FormAnswer A(string item, string text, int? member = null) => new(new AnswerKey(item, member), text);

    private static IReadOnlyList<FormAnswer> Family(string rt = "2", string members = "2") =>
        [A("alamat", "Jl. Melati 5"), A("telepon", ""), A("rw", "3"), A("rt", rt), A("no_rumah", "15"), A("no_urut", "1"), A("jumlah_anggota", members)];

    [Fact]
    public void AScreenIsTakenWholeAndABlankOptionalItemIsSkipped()
    {
        var interview = Start();
        var result = FormAnswers.Apply(interview, Family(), Now);
        Assert.Empty(result.Refused);
        Assert.Equal(7, result.Applied.Count);
        Assert.Equal(new AnswerKey("nama", 1), interview.CurrentKey);
        Assert.False(interview.Answers.ContainsKey(new AnswerKey("telepon", null)));
        Assert.Equal("15", interview.Answers[new AnswerKey("no_rumah", null)].ToString());
    }

    [Fact]
    public void RefusedAnswersStayUnansweredAndAreAskedInOrderWhileTheRestIsTaken()
    {
        var interview = Start();
        var result = FormAnswers.Apply(interview, Family(rt: "5000", members: "0"), Now);
        Assert.Equal([new AnswerKey("rt", null), new AnswerKey("jumlah_anggota", null)], result.Refused.Select(r => r.Key));
        Assert.Equal(5, result.Applied.Count);
        Assert.Equal(new AnswerKey("rt", null), interview.CurrentKey);
        Assert.False(interview.Answer("2", Now).IsRefused);
        Assert.Equal(new AnswerKey("jumlah_anggota", null), interview.CurrentKey);
    }

    [Fact]
    public void AnAnswerForAnItemThatDoesNotApplyIsNotRecordedAndOneMadeRelevantOnTheSameScreenIs()
    {
        var interview = Start();
        FormAnswers.Apply(interview, Family(), Now);
        FormAnswers.Apply(interview, [A("nama", "Budi", 1), A("nik", "3313011708750001", 1)], Now);
        var result = FormAnswers.Apply(interview,
            [A("jenis_kelamin", "1", 1), A("tanggal_lahir", "17 Agustus 1975", 1), A("status_kawin", "2", 1), A("usia_kawin_pertama", "25", 1), A("ibu_kandung", "2", 1)], Now);
        Assert.Empty(result.Refused);
        Assert.Equal("25", interview.Answers[new AnswerKey("usia_kawin_pertama", 1)].ToString()); // relevant once status_kawin = 2 was applied
        Assert.False(interview.Answers.ContainsKey(new AnswerKey("ibu_kandung", 1))); // hubungan is not Anak
    }

    [Fact]
    public void ASexThatContradictsTheNikIsAppliedLastAndConfirmed()
    {
        var interview = Start();
        FormAnswers.Apply(interview, Family(), Now);
        var result = FormAnswers.Apply(interview,
            [A("nama", "Budi", 1), A("nik", "3313011708750001", 1), A("jenis_kelamin", "2", 1), A("tanggal_lahir", "17 Agustus 1975", 1), A("status_kawin", "2", 1)], Now);
        Assert.NotNull(result.Question);
        Assert.True(interview.IsConfirming);
        Assert.Equal("2", interview.Answers[new AnswerKey("status_kawin", 1)].ToString());
        Assert.False(interview.Answers.ContainsKey(new AnswerKey("jenis_kelamin", 1)));
    }
}
