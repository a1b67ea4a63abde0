using BenchmarkDotNet.Attributes;
using PK.Domain.Conversations;
using PK.Domain.Forms;
using PK.Domain.Interviews;

namespace PK.Micro;

/// <summary>
/// One engine turn per kind of answer, each from a point in the family of four (mostly the wife, member 2 of 4),
/// through <see cref="ConversationEngine.Handle"/>: restore, parse, check, settle, and the next prompt drawn.
/// The JSON the host reads and writes around a turn is measured apart (<see cref="SnapshotJson"/>).
/// </summary>
[MemoryDiagnoser]
public class EngineStep
{
    private static string[] Upto(int n) => Chat.FamilyOfFour[..n];

    private Step _choice = null!, _multi = null!, _number = null!, _date = null!, _name = null!, _nik = null!, _ok = null!, _batch = null!, _skip = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The wife (member 2): name, NIK, then sex and birth date proposed from the NIK, marital status, age at marriage.
        _name = Chat.After(Upto(8)).Next("Siti Aminah", QuestionType.Name).Checked();
        _nik = Chat.After(Upto(9)).Next("3313014211820002", QuestionType.Nik).Checked();
        _ok = Chat.After(Upto(10)).Next("ok", QuestionType.SelectOne).Checked();
        _choice = Chat.After([.. Upto(10), "ok", "ok"]).Next("2", QuestionType.SelectOne).Checked();
        _number = Chat.After([.. Upto(10), "ok", "ok", "2"]).Next("20", QuestionType.Integer).Checked();
        // A wife whose NIK is not at hand: her birth date is typed, with nothing proposed.
        _date = Chat.After([.. Upto(9), "belum ada", "2"]).Next("15 Juli 1980", QuestionType.BirthDate).Checked();
        // The husband's line after his name and NIK: eleven answers in one message.
        _batch = Chat.After(Upto(7)).Next("ok ok 2 25 1 ok 1 2 8 1 1", QuestionType.SelectOne).Checked();
        // Late in the family: Blok III, after the members and Blok II.
        _multi = Chat.After(Upto(19)).Next("2,3", QuestionType.SelectMultiple).Checked();
        // The form's one optional question is the family's phone, right after the address.
        _skip = Chat.After(Upto(2)).Next("/lewati", QuestionType.Phone).Checked();
    }

    [Benchmark(Description = "choice by number '2'")] public TurnResult ChoiceByNumber() => _choice.Run();
    [Benchmark(Description = "multi-choice '2,3'")] public TurnResult MultiChoice() => _multi.Run();
    [Benchmark(Description = "number '20'")] public TurnResult Number() => _number.Run();
    [Benchmark(Description = "date '15 Juli 1980'")] public TurnResult Date() => _date.Run();
    [Benchmark(Description = "name 'Siti Aminah'")] public TurnResult Name() => _name.Run();
    [Benchmark(Description = "NIK 16 digits")] public TurnResult Nik() => _nik.Run();
    [Benchmark(Description = "'ok' accepts a proposal")] public TurnResult OkProposal() => _ok.Run();
    [Benchmark(Description = "member line, 11 answers")] public TurnResult MemberBatch() => _batch.Run();
    [Benchmark(Description = "/lewati (phone)")] public TurnResult Skip() => _skip.Run();

    /// <summary>What each step spends copying its starting point (subtract it to read a step alone).</summary>
    [Benchmark(Description = "copy of state + snapshot (reference)")] public object CopyOnly() => _choice.CopyOnly();
}
