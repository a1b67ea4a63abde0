using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PK.Domain.Answers;
using PK.Domain.Conversations;
using PK.Domain.Forms;
using PK.Domain.Interviews;
using PK.Domain.Records;
using PK.Domain.Tests.Support;
using Xunit.Abstractions;

namespace PK.Domain.Tests.Interviews;

/// <summary>
/// A kader who never reads /bantuan: reads each prompt, answers one item per message from the family's sheet, takes
/// proposals with ok, and uses a shortcut only where a prompt shows one (following the shape of the prompt's example
/// with the sheet's own answers). The family of four is the issue's; the sheet is what the expert typed.
/// </summary>
public partial class PromptReadingKaderTests(ITestOutputHelper output)
{
    /// <summary>One line of the kader's paper sheet: the question's summary number, its item, its answer and how it is typed.</summary>
    private sealed record SheetLine(string Number, FormItem Item, AnswerValue? Value, string Typed);

    [Fact]
    public void TheFamilyOfFourTakesAtMostSixtyInputsForAKaderWhoOnlyReadsThePrompts()
    {
        var sheet = SheetOf(WholeFamilyTests.FamilyOfFour());

        var oneByOne = Interview(sheet, followsHints: false);
        var learner = Interview(sheet, followsHints: true);
        output.WriteLine($"one item per message: {oneByOne.Inputs} inputs; following the prompts' shortcuts: {learner.Inputs} inputs");
        output.WriteLine(learner.Log);

        Assert.Equal(110, oneByOne.Inputs);
        Assert.Equal(36, learner.Inputs);
        Assert.True(learner.Inputs <= 60);
        // No drop in what is recorded: the same answers, member by member, as the family typed item by item.
        var typed = oneByOne.SubmittedOne();
        var learned = learner.SubmittedOne();
        Assert.Equal(JsonSerializer.Serialize(typed.Family), JsonSerializer.Serialize(learned.Family));
        Assert.Equal(JsonSerializer.Serialize(typed.Members), JsonSerializer.Serialize(learned.Members));
        Assert.Equal(JsonSerializer.Serialize(typed.Indicators), JsonSerializer.Serialize(learned.Indicators));
        Assert.Equal(4, learned.Members.Count);
    }

    [Fact]
    public void TheSecondMembersNameQuestionTeachesNameAndNikTogether()
    {
        var chat = new KaderChat();
        foreach (var text in WholeFamilyTests.FamilyOfFourInputs[..8]) chat.Send(text);
        Assert.Contains(string.Format(Texts.NameAndNikHint, "Budi Santoso", "3313********0001", 1), chat.LastText);

        chat.Send("Siti Aminah 3313014211820002");
        var answers = chat.ActiveInterview.Answers;
        Assert.Equal(new TextAnswer("Siti Aminah"), answers[new AnswerKey("nama", 2)]);
        Assert.Equal(new NikAnswer("3313014211820002"), answers[new AnswerKey("nik", 2)]);
        // The NIK's sex is proposed at the next question, which teaches the rest of the member in one message.
        Assert.Contains(string.Format(Texts.ProposalFromNik, "Perempuan"), chat.LastText);
        Assert.Contains(string.Format(Texts.MemberBatchHint, "ok ok 2 25 1 ok ok 2 8 ok ok", 1), chat.LastText);
    }

    [Fact]
    public void ANameAndANikAreTakenTogetherOnlyWhenTheNumberIsASixteenDigitNik()
    {
        var chat = new KaderChat();
        foreach (var text in WholeFamilyTests.FamilyOfFourInputs[..5]) chat.Send(text);
        chat.Send("Budi Santoso 12345");
        Assert.False(chat.ActiveInterview.Answers.ContainsKey(new AnswerKey("nik", 1)));

        var together = new KaderChat();
        foreach (var text in WholeFamilyTests.FamilyOfFourInputs[..5]) together.Send(text);
        together.Send("Budi Santoso 3313011708750001");
        Assert.Equal(new TextAnswer("Budi Santoso"), together.ActiveInterview.Answers[new AnswerKey("nama", 1)]);
        Assert.Equal(new NikAnswer("3313011708750001"), together.ActiveInterview.Answers[new AnswerKey("nik", 1)]);
        Assert.Equal(new AnswerKey("jenis_kelamin", 1), together.ActiveInterview.CurrentKey);
    }

    [Fact]
    public void ANikTypedWithANameAfterAJumpBackNeverLandsOnAnotherQuestion()
    {
        var chat = new KaderChat();
        foreach (var text in WholeFamilyTests.FamilyOfFourInputs[..8]) chat.Send(text);
        chat.Send("Siti Aminah");
        Assert.Equal(new AnswerKey("nik", 2), chat.ActiveInterview.CurrentKey);
        chat.Send("/ubah 1.2");
        chat.Send("Budi Santosa 3313011708759999");
        var answers = chat.ActiveInterview.Answers;
        Assert.Equal(new TextAnswer("Budi Santosa"), answers[new AnswerKey("nama", 1)]);
        Assert.Equal(new NikAnswer("3313011708750001"), answers[new AnswerKey("nik", 1)]);
        Assert.False(answers.ContainsKey(new AnswerKey("nik", 2)));
        Assert.Contains(string.Format(Texts.UnusedTokens, "3313011708759999"), chat.LastText);
    }

    [Fact]
    public void ReligionJknAndPresenceAreProposedFromThePreviousMemberNeverFilled()
    {
        var chat = new KaderChat();
        foreach (var text in WholeFamilyTests.FamilyOfFourInputs[..8]) chat.Send(text);
        chat.Send("Siti Aminah 3313014211820002");
        chat.Send("ok ok 2 20 1 ok");
        // Member 1 answered agama 1 (Islam): member 2 is asked, with it proposed.
        Assert.Equal(new AnswerKey("agama", 2), chat.ActiveInterview.CurrentKey);
        Assert.False(chat.ActiveInterview.Answers.ContainsKey(new AnswerKey("agama", 2)));
        Assert.Contains(string.Format(Texts.Proposal, FormLoader.Pk21.Item("agama").ChoiceLabel(1)), chat.LastText);
        chat.Send("ok");
        Assert.Equal(new ChoiceAnswer(1), chat.ActiveInterview.Answers[new AnswerKey("agama", 2)]);
        chat.Send("1");
        chat.Send("8");
        Assert.Contains(string.Format(Texts.Proposal, FormLoader.Pk21.Item("jkn").ChoiceLabel(1)), chat.LastText);
        chat.Send("3");
        Assert.Equal(new ChoiceAnswer(3), chat.ActiveInterview.Answers[new AnswerKey("jkn", 2)]);
        Assert.Contains(string.Format(Texts.Proposal, FormLoader.Pk21.Item("keberadaan").ChoiceLabel(1)), chat.LastText);
        Assert.False(chat.ActiveInterview.Answers.ContainsKey(new AnswerKey("keberadaan", 2)));
    }

    /// <summary>The kader's sheet: every question the family's interview asked, in the order asked, as the kader types it.</summary>
    private static List<SheetLine> SheetOf(KaderChat done)
    {
        var snapshot = done.Interviews.Single(s => s.Status == InterviewStatus.Submitted);
        var interview = PK.Domain.Interviews.Interview.Restore(FormLoader.Pk21, snapshot);
        var lines = new List<SheetLine>();
        foreach (var key in interview.RelevantQuestions())
        {
            var item = FormLoader.Pk21.Item(key.ItemId);
            var number = item.DisplayNumber(key.Member);
            if (snapshot.Skipped.Contains(key.ToString()))
            {
                lines.Add(new SheetLine(number, item, null, "/lewati"));
                continue;
            }
            var value = interview.Answers[key];
            lines.Add(new SheetLine(number, item, value, value switch
            {
                ChoiceAnswer c => c.Code.ToString(CultureInfo.InvariantCulture),
                MultiChoiceAnswer m => string.Join(",", m.Codes),
                NumberAnswer n => n.Value.ToString(CultureInfo.InvariantCulture),
                DateAnswer d => d.Value.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
                MonthYearAnswer my => $"{my.Month}/{my.Year}",
                NikAnswer nik => nik.Nik ?? "belum ada",
                TextAnswer t => t.Value,
                _ => throw new InvalidOperationException($"no typed form for {value}"),
            }));
        }
        return lines;
    }

    /// <summary>Interviews the family from its sheet, reading only the prompts.</summary>
    private static KaderChat Interview(List<SheetLine> sheet, bool followsHints)
    {
        var chat = new KaderChat();
        chat.Send("/mulai");
        for (var step = 0; step < 300 && chat.Submitted.Count == 0; step++)
        {
            var reply = chat.Last[^1];
            if (reply.Kind == ReplyKind.Summary)
            {
                chat.Send("/kirim");
                continue;
            }
            Assert.True(reply.Kind == ReplyKind.Question, $"the kader does not know what to answer:\n{chat.Log}");
            var lines = reply.Text.Split('\n');
            var index = sheet.FindLastIndex(l => lines.Any(line => line.StartsWith(l.Number + " ", StringComparison.Ordinal)));
            Assert.True(index >= 0, $"a question not on the sheet:\n{chat.Log}");
            var line = sheet[index];
            var example = followsHints ? Example().Match(reply.Text) : Match.Empty;
            if (example.Success && NameAndNik().IsMatch(example.Groups[1].Value) && index + 1 < sheet.Count && sheet[index + 1].Value is NikAnswer { Nik: not null })
            {
                chat.Send($"{line.Typed} {sheet[index + 1].Typed}");
                continue;
            }
            if (example.Success && Words().IsMatch(example.Groups[1].Value))
            {
                chat.Send(string.Join(" ", OneWordRun(sheet, index)));
                continue;
            }
            chat.Send(Proposed(lines) is { } proposed && line.Value is { } value && proposed == AnswerText.Display(line.Item, value) ? "ok" : line.Typed);
        }
        return chat;
    }

    /// <summary>The sheet's answers from this question on, while each is one word and the block (or member) stays the same.</summary>
    private static IEnumerable<string> OneWordRun(List<SheetLine> sheet, int from)
    {
        var section = sheet[from].Number.Split('.')[0];
        for (var i = from; i < sheet.Count && sheet[i].Number.Split('.')[0] == section; i++)
        {
            var typed = sheet[i].Typed;
            if (typed.Contains(' ') || typed.Contains(',') || typed.StartsWith('/')) yield break;
            yield return typed;
        }
    }

    /// <summary>What the prompt proposes ("Usulan: Islam — balas ok bila benar."), if anything.</summary>
    private static string? Proposed(string[] lines) =>
        lines.Select(l => ProposalLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;

    [GeneratedRegex("«([^»]+)»")]
    private static partial Regex Example();

    [GeneratedRegex(@"^.+ [0-9*]{16}$")]
    private static partial Regex NameAndNik();

    [GeneratedRegex(@"^\S+( \S+)+$")]
    private static partial Regex Words();

    [GeneratedRegex(@"^[^:]+: (.+) — balas ok")]
    private static partial Regex ProposalLine();
}
