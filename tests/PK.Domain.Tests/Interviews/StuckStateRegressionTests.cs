using PK.Domain.Interviews;
using PK.Domain.Tests.Support;

namespace PK.Domain.Tests.Interviews;

/// <summary>
/// A jump can land on a question whose rule reads an answer that does not exist yet. Such a rule must not refuse
/// (every choice would be refused and the question could never be answered); it is checked again once that answer is given.
/// </summary>
public class StuckStateRegressionTests
{
    /// <summary>The walk the interview property shrank to: header with 2 members, back, member 2's status, members down to 1, then 1.10.</summary>
    private static KaderChat WalkToHubunganBeforeBirthDate()
    {
        var chat = FamilyShapesTests.Header(2);
        chat.Send("/kembali");
        chat.Send("/ubah 2.7");
        chat.Send("1");
        chat.Send("/ubah K.7");
        chat.Send("1");
        chat.Send("/ubah 1.10");
        Assert.Equal("hubungan#1", chat.ActiveInterview.CurrentKey?.ToString());
        Assert.False(chat.ActiveInterview.Answers.ContainsKey(new AnswerKey("tanggal_lahir", 1)));
        return chat;
    }

    [Fact]
    public void AQuestionWhoseRuleReadsAnUnansweredItemCanStillBeAnswered()
    {
        var chat = WalkToHubunganBeforeBirthDate();

        chat.Send("1");

        Assert.Equal(new PK.Domain.Answers.ChoiceAnswer(1), chat.ActiveInterview.Answers[new AnswerKey("hubungan", 1)]);
        Assert.DoesNotContain("harus berumur 10 tahun", chat.LastText);
        Assert.Contains("✓ 1.10 ", chat.LastText);
        Assert.NotEqual("hubungan#1", chat.ActiveInterview.CurrentKey?.ToString());
    }

    [Fact]
    public void RulesThatReadNoMissingAnswerStillRefuse()
    {
        var chat = WalkToHubunganBeforeBirthDate();

        chat.Send("2");

        Assert.Contains("Anggota 1 adalah Kepala Keluarga; pilih 1.", chat.LastText);
        Assert.False(chat.ActiveInterview.Answers.ContainsKey(new AnswerKey("hubungan", 1)));
    }

    [Fact]
    public void TheDeferredRuleIsCheckedWhenTheAnswerItReadsIsGiven()
    {
        var chat = WalkToHubunganBeforeBirthDate();
        chat.Send("1");

        // Member 1 turns out to be six: the KK rule the jump deferred now speaks, and the family cannot be submitted.
        chat.Send("/ubah 1.4");
        chat.Send("01-01-2015");
        Assert.Contains("Perhatian, 1.10 Hubungan dengan Kepala Keluarga: Kepala Keluarga harus berumur 10 tahun atau lebih.", chat.LastText);
        Assert.Contains(chat.ActiveInterview.Problems(), p => p.Key == new AnswerKey("hubungan", 1));

        // A believable birth date settles it, and the walk ends in a consistent family.
        chat.Send("/ubah 1.4");
        chat.Send("01-01-1980");
        Assert.DoesNotContain(chat.ActiveInterview.Problems(), p => p.Key == new AnswerKey("hubungan", 1));
        var record = chat.FinishWith();
        var submitted = Interview.Restore(chat.ActiveInterviewForm, chat.Interviews.Single(i => i.RecordId == record.RecordId));
        Assert.Empty(submitted.Problems());
        Assert.Single(record.Members);
    }

    [Fact]
    public void TheWholeShrunkWalkEndsInASubmittedFamily()
    {
        var chat = WalkToHubunganBeforeBirthDate();

        chat.AnswerCurrent();
        var record = chat.FinishWith();

        var submitted = Interview.Restore(chat.ActiveInterviewForm, chat.Interviews.Single(i => i.RecordId == record.RecordId));
        Assert.True(submitted.IsSubmitted);
        Assert.Empty(submitted.Problems());
        Assert.All(submitted.Answers.Keys, k => Assert.True(submitted.IsRelevant(k) || submitted.IsAutoFilled(k), $"{k} answered but not relevant"));
    }

    /// <summary>
    /// The second dead end the same property found (shrunk to [1; 1; 1; 1; 1; 4]): member 2 made KK by a jump while
    /// member 1's relation was unanswered left 1.10 with no valid choice (1 = a second KK, 2–4 = "member 1 is the KK").
    /// Only member 1 may be the KK, so member 2's KK is refused when it is given.
    /// </summary>
    [Fact]
    public void AnotherMemberCannotTakeTheKkBeforeMemberOneIsAnswered()
    {
        var chat = FamilyShapesTests.Header(2);
        chat.Send("/ubah 2.10");

        chat.Send("1");

        Assert.Contains("Kepala Keluarga sudah ada; satu formulir hanya satu KK.", chat.LastText);
        Assert.False(chat.ActiveInterview.Answers.ContainsKey(new AnswerKey("hubungan", 2)));
        chat.AnswerCurrent();
        Assert.Equal(new PK.Domain.Answers.ChoiceAnswer(2), chat.ActiveInterview.Answers[new AnswerKey("hubungan", 2)]);
        var record = chat.FinishWith();
        Assert.Equal(1, record.Members[0]["hubungan"]);
    }
}
