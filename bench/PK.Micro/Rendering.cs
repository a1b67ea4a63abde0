using BenchmarkDotNet.Attributes;
using PK.Domain.Conversations;
using PK.Domain.Indicators;
using PK.Domain.Interviews;

namespace PK.Micro;

/// <summary>Drawing the next question from a stored snapshot, and a whole family's indicators.</summary>
[MemoryDiagnoser]
public class Rendering
{
    private InterviewSnapshot _memberStart = null!, _blokIII = null!, _submitted = null!;

    [GlobalSetup]
    public void Setup()
    {
        _memberStart = Chat.After(Chat.FamilyOfFour[..10]).ActiveSnapshot();
        _blokIII = Chat.After(Chat.FamilyOfFour[..19]).ActiveSnapshot();
        var done = Chat.After(Chat.FamilyOfFour);
        _submitted = done.LastSnapshot();
        if (!Interview.Restore(Chat.Form, _submitted).IsSubmitted) throw new InvalidOperationException("the family of four was not submitted");
    }

    /// <summary>The wife's sex: proposal from her NIK, and the husband's answers tried as a one-message example.</summary>
    [Benchmark(Description = "prompt: member 2's first one-word question")]
    public int PromptMemberStart() => Prompt(_memberStart);

    [Benchmark(Description = "prompt: Blok III multi-choice")]
    public int PromptBlokIII() => Prompt(_blokIII);

    /// <summary>Restoring a snapshot and finding the current question: the floor of every turn.</summary>
    [Benchmark(Description = "restore + current question")]
    public AnswerKey? RestoreCurrent() => Interview.Restore(Chat.Form, _blokIII).CurrentKey;

    /// <summary>Restoring alone: the snapshot's answers indexed and the interview's state machine configured.</summary>
    [Benchmark(Description = "restore only")]
    public Interview RestoreOnly() => Interview.Restore(Chat.Form, _blokIII);

    [Benchmark(Description = "indicators of the family of four")]
    public FamilyIndicators Indicators() => FamilyIndicators.Of(Interview.Restore(Chat.Form, _submitted));

    private static int Prompt(InterviewSnapshot snapshot)
    {
        var interview = Interview.Restore(Chat.Form, snapshot);
        var key = interview.CurrentKey!.Value;
        return Prompts.Question(interview, key).Sum(l => l.Length) + Prompts.Options(interview, key, "abcd").Count;
    }
}
