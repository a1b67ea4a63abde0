using System.Text.Json;
using PK.Domain.Answers;
using PK.Domain.Forms;
using PK.Domain.Interviews;
using PK.Domain.Tests.Support;
using Xunit.Abstractions;

namespace PK.Domain.Tests.Interviews;

/// <summary>
/// An interview kept across answers re-derives only what each change is read by (relevance and calculations); it
/// must always agree with one restored from its snapshot, which derives everything afresh.
/// </summary>
public class IncrementalWalkTests(ITestOutputHelper output)
{
    private static readonly FormDefinition Form = FormLoader.Pk21;
    private static readonly DateTimeOffset Now = KaderChat.Start;

    // The family of four's messages but /mulai and /kirim: the interview is driven directly, as the engine does in one turn.
    private static readonly string[] Answers = WholeFamilyTests.FamilyOfFourInputs[1..^1];

    [Fact]
    public void TheFamilyOfFourAnsweredOnOneInterviewAgreesWithAFreshOneAfterEveryAnswer()
    {
        var interview = Start();
        foreach (var text in Answers)
        {
            Send(interview, text);
            AssertAgreesWithFresh(interview, text);
        }
        Assert.True(interview.IsReviewing, "the family of four should be complete");
    }

    /// <summary>Random walks of answers, going back, jumping to an item (the member count among them) and skipping.</summary>
    [SeededProperty(40)]
    public void AnyWalkOnOneInterviewAgreesWithAFreshOneAfterEveryStep(int[] walk)
    {
        output.WriteLine(PropertySeeds.Describe(40));
        var interview = Start();
        var random = new Random(walk.Length == 0 ? 0 : walk[0]);
        var next = 0;
        var count = Form.Item("jumlah_anggota").DisplayNumber(null);
        foreach (var step in walk.Take(30))
        {
            var action = Math.Abs(step % 6) switch
            {
                0 or 1 => $"answer «{Answers[next % Answers.Length]}»",
                2 => "back",
                3 => "skip",
                4 => "edit",
                _ => "members",
            };
            switch (action)
            {
                case "back":
                    interview.Back(Now);
                    break;
                case "skip":
                    interview.Skip(Now);
                    break;
                case "edit":
                    var questions = interview.RelevantQuestions().ToList();
                    var key = questions[random.Next(questions.Count)];
                    interview.Edit(Form.Item(key.ItemId).DisplayNumber(key.Member), Now);
                    break;
                case "members":
                    interview.Edit(count, Now);
                    interview.Answer(random.Next(1, 6).ToString(), Now);
                    break;
                default:
                    Send(interview, Answers[next++ % Answers.Length]);
                    break;
            }
            AssertAgreesWithFresh(interview, action);
        }
    }

    [Fact]
    public void ASnapshotCopyIsWhatAJsonRoundTripWouldMake()
    {
        var interview = Start();
        foreach (var text in Answers.Take(8)) Send(interview, text);
        var original = interview.Snapshot;
        original.SubmittedAt = Now;
        original.Skipped.Add("telepon");
        original.Focus = "nama#2";
        original.PendingAnswer = new StoredAnswer("umur#1", new NumberAnswer(3));
        original.PendingWarning = "w";
        original.PhaseBeforeCancel = "Answering";
        original.DuplicateOf = "d";
        original.DuplicateDescription = "dd";
        original.DeliberateDuplicate = true;
        original.ChangeCount = 2;
        original.Version = 2;
        original.Status = InterviewStatus.Paused;
        original.Phase = "Paused";
        original.AutoFilled.Add("kb_hamil");
        // Every property holds something other than its default, so a property the copy forgets shows here.
        var blank = new InterviewSnapshot();
        foreach (var property in typeof(InterviewSnapshot).GetProperties())
        {
            var value = property.GetValue(original);
            Assert.False(value is null || Equals(value, property.GetValue(blank)) || value is System.Collections.ICollection { Count: 0 },
                $"give {property.Name} a value in this test");
        }

        var copy = original.Copy();

        Assert.Equal(JsonSerializer.Serialize(original), JsonSerializer.Serialize(copy));
        Assert.NotSame(original.Answers, copy.Answers);
        Assert.NotSame(original.Skipped, copy.Skipped);
        Assert.NotSame(original.AutoFilled, copy.AutoFilled);
    }

    private static void Send(Interview interview, string text)
    {
        if (text == "/lewati") interview.Skip(Now);
        else interview.Answer(text, Now);
    }

    private static Interview Start() => Interview.Start(Form, Guid.NewGuid(), "kader-1", "33.13.01.2001", Now, TimeSpan.FromHours(7));

    private static void AssertAgreesWithFresh(Interview live, string after)
    {
        var fresh = Interview.Restore(Form, JsonSerializer.Deserialize<InterviewSnapshot>(JsonSerializer.Serialize(live.Snapshot))!);
        Assert.True(fresh.MemberCount == live.MemberCount, $"member count after {after}");
        Assert.True(fresh.RelevantQuestions().SequenceEqual(live.RelevantQuestions()), $"relevant questions after {after}");
        Assert.True(fresh.SummaryKeys().SequenceEqual(live.SummaryKeys()), $"summary after {after}");
        Assert.True(fresh.CurrentKey == live.CurrentKey, $"current question after {after}: {live.CurrentKey} live, {fresh.CurrentKey} fresh");
        foreach (var item in Form.Items.Where(i => i.Calculation is not null))
        {
            foreach (var member in item.InRepeat ? Enumerable.Range(1, live.MemberCount).Select(m => (int?)m) : [null])
            {
                var (a, b) = (live.ValueOf(item.Id, member), fresh.ValueOf(item.Id, member));
                Assert.True(Same(a, b), $"{item.Id}#{member} after {after}: {a} live, {b} fresh");
            }
        }
    }

    private static bool Same(object a, object b) =>
        a is long[] x && b is long[] y ? x.SequenceEqual(y) : Equals(a, b);
}
