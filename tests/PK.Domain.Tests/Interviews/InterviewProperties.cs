using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PK.Domain.Interviews;
using PK.Domain.Tests.Support;

namespace PK.Domain.Tests.Interviews;

/// <summary>Properties over random input: nothing typed loses an answer, and any walk can still end in a submittable family.</summary>
public class InterviewProperties
{
    // Every input of the family of four but the last two, so a question is still being asked at every stop.
    private static readonly string[] Script = WholeFamilyTests.FamilyOfFourInputs[..^2];

    // The family of four, stopped after every step of the script: a question of every kind is being asked in one of them.
    private static readonly Lazy<KaderChat[]> Stops = new(() =>
    {
        var chat = new KaderChat();
        var stops = new List<KaderChat>();
        foreach (var line in Script)
        {
            chat.Send(line);
            stops.Add(chat.Clone());
        }
        return stops.ToArray();
    });

    [Property(MaxTest = 300)]
    public void NoInputToAnyQuestionThrowsOrChangesAnEarlierAnswer(PositiveInt stop, string? text)
    {
        var chat = Stops.Value[stop.Get % Stops.Value.Length].Clone();
        var before = chat.Active!.Answers.ToDictionary(a => a.Key, a => a.Value);
        var current = chat.ActiveInterview.CurrentKey?.ToString();

        chat.Send(text ?? "");

        var after = chat.Active?.Answers.ToDictionary(a => a.Key, a => a.Value) ?? [];
        foreach (var (key, value) in before)
        {
            if (key == current) continue;
            Assert.True(after.TryGetValue(key, out var now) && now.Equals(value), $"{key} changed after «{text}»");
        }
    }

    private static readonly string[] Garbage = ["", "😀", "zzz", "-1", "99999", "/ubah 999", "kembali ke", "\u202e1", "ok"];

    [Property(MaxTest = 30)]
    public void AnyWalkOfAnswerBackEditSkipPauseAndResumeEndsInAConsistentFamily(int[] walk)
    {
        var chat = FamilyShapesTests.Header(2);
        var random = new Random(walk.Length == 0 ? 0 : walk[0]);
        foreach (var step in walk.Take(40))
        {
            switch (Math.Abs(step % 8))
            {
                case 0: chat.AnswerCurrent(); break;
                case 1: chat.Send(Garbage[random.Next(Garbage.Length)]); break;
                case 2: chat.Send("/kembali"); break;
                case 3: chat.Send("/lewati"); break;
                case 4:
                    var keys = chat.ActiveInterview.RelevantQuestions().ToList();
                    var key = keys[random.Next(keys.Count)];
                    chat.Send("/ubah " + chat.ActiveInterview.Form.Item(key.ItemId).DisplayNumber(key.Member));
                    chat.AnswerCurrent();
                    break;
                case 5: chat.Send("/jeda"); break;
                case 6: chat.Send("/lanjut"); break;
                default: chat.Send("/ringkasan"); break;
            }
        }

        var record = chat.FinishWith();

        var submitted = Interview.Restore(chat.ActiveInterviewForm, chat.Interviews.Single(i => i.RecordId == record.RecordId));
        Assert.True(submitted.IsSubmitted);
        Assert.Empty(submitted.Problems());
        Assert.All(submitted.Answers.Keys, k => Assert.True(submitted.IsRelevant(k) || submitted.IsAutoFilled(k), $"{k} answered but not relevant"));
    }
}
