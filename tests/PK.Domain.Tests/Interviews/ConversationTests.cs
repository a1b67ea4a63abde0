using PK.Domain.Conversations;
using PK.Domain.Forms;
using PK.Domain.Interviews;
using PK.Domain.Tests.Support;

namespace PK.Domain.Tests.Interviews;

/// <summary>The conversation around the interview: commands, picks, bad input, bursts, duplicates, corrections.</summary>
public class ConversationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static IReadOnlyDictionary<string, string> Answers(KaderChat chat) =>
        chat.Active!.Answers.ToDictionary(a => a.Key, a => a.Value.ToString()!);

    [Theory]
    [InlineData("😀😀😀")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/ubah 999")]
    [InlineData("/ubah")]
    [InlineData("/terbang")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("99999999999999999999999")]
    [InlineData("/kirim")]
    [InlineData("/lewati")]
    [InlineData("1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1")]
    public void NothingAKaderSendsToAMemberQuestionLosesAnEarlierAnswer(string text)
    {
        var chat = FamilyShapesTests.Header(2);
        FamilyShapesTests.Member(chat, "Joko", "3313011005900007", "ok ok 2 24 1 ok 1 2 8 1 1");
        chat.Send("Wati");
        chat.Send("3313015208950008");
        var before = Answers(chat);

        var replies = chat.Send(text);

        Assert.NotEmpty(replies.Last().Text);
        var after = Answers(chat);
        foreach (var (key, value) in before) Assert.Equal(value, after[key]);
        Assert.False(chat.ActiveInterview.IsFinished);
    }

    [Fact]
    public void AVeryLongMessageIsRefusedWithoutBeingRead()
    {
        var chat = FamilyShapesTests.Header(1);
        chat.Send(new string('a', 10_000));
        Assert.Contains("terlalu panjang", chat.LastText);
        Assert.Contains("1.2 ", chat.LastText);
        Assert.DoesNotContain(chat.Active!.Answers, a => a.Key == "nama#1");
    }

    [Fact]
    public void AStickerGetsTheShortExplanationAndTheQuestionAgain()
    {
        var chat = FamilyShapesTests.Header(1);
        chat.Turn(new Inbound(InboundKind.Unsupported, "", chat.Now));
        Assert.Contains("tidak bisa dipakai", chat.LastText);
        Assert.Contains("1.2 ", chat.LastText);
    }

    [Fact]
    public void SkippingARequiredQuestionIsRefused()
    {
        var chat = FamilyShapesTests.Header(1);
        chat.Send("/lewati");
        Assert.Contains(Texts.Required, chat.LastText);
    }

    [Fact]
    public void MessagesTypedBeforeARefusalArrivedAreHeldAndListedBack()
    {
        var chat = FamilyShapesTests.Header(1);
        chat.Send("Sainem");
        var typedOffline = chat.Now.AddSeconds(5);
        chat.Send("123", typedOffline);
        Assert.Contains("NIK", chat.LastText);

        chat.Send("1", typedOffline.AddSeconds(1));
        Assert.Contains("belum dipakai", chat.LastText);
        Assert.DoesNotContain(chat.Active!.Answers, a => a.Key == "nik#1");

        chat.Send("3313015503510005");
        Assert.Contains(chat.Active!.Answers, a => a.Key == "nik#1");
    }

    [Fact]
    public void AFamilyWithTheSameAddressIsFlaggedBeforeASecondCopyStarts()
    {
        var chat = WholeFamilyTests.FamilyOfFour();
        chat.Send("/mulai");
        chat.Send("Jl. Melati 5");
        chat.Send("/lewati");
        chat.Send("3");
        chat.Send("2 15 1 4");
        Assert.Contains("sudah dicatat", chat.LastText);

        chat.Send("ya");
        Assert.True(chat.Active!.DeliberateDuplicate);
        Assert.Contains("1.2 ", chat.LastText);
    }

    [Fact]
    public void DecliningADuplicateCancelsTheCopy()
    {
        var chat = WholeFamilyTests.FamilyOfFour();
        FamilyShapesTests.Header(4, chat);
        chat.Send("/mulai");
        chat.Send("Jl. Melati 5");
        chat.Send("/lewati");
        chat.Send("3");
        chat.Send("2 15 1 4");
        chat.Press("Tidak");
        Assert.Null(chat.State.ActiveInterview);
        Assert.Contains(chat.Interviews, i => i.Status == InterviewStatus.Cancelled);
    }

    [Fact]
    public void AKaderCanHoldTwoUnfinishedFamiliesAndPickWhichToResume()
    {
        var chat = FamilyShapesTests.Header(2, rumah: "10");
        chat.Send("Joko");
        chat.Send("/mulai");
        Assert.Contains("tetap tersimpan", chat.LastText);
        chat.Send("Jl. Kenanga 2");
        chat.Send("/lanjut");
        Assert.Equal(2, chat.Last.Last().Options.Count);

        var first = chat.Last.Last().Options.Single(o => o.Label.Contains("No. 10"));
        chat.PressToken(first.Token);

        Assert.Contains("1.2a ", chat.LastText);
        Assert.Equal("Joko", chat.Active!.Answers.Single(a => a.Key == "nama#1").Value.ToString());
    }

    [Fact]
    public void AnInterviewLeftForAWeekIsParkedAndOfferedBack()
    {
        var chat = FamilyShapesTests.Header(2);
        chat.Send("Joko");
        chat.Now = chat.Now.AddDays(8);

        chat.Send("halo");
        Assert.Contains("belum selesai", chat.LastText);
        Assert.Equal(InterviewStatus.Parked, chat.Interviews.Single().Status);

        chat.Send("1");
        Assert.Contains("1.2a ", chat.LastText);
        Assert.Equal(InterviewStatus.InProgress, chat.Active!.Status);
    }

    [Fact]
    public void ACorrectionSubmitsTheNextVersionOfTheSameRecord()
    {
        var chat = WholeFamilyTests.FamilyOfFour();
        var first = chat.SubmittedOne();

        chat.Send("/koreksi");
        chat.Send("1");
        chat.Send("/ubah III.25");
        chat.Send("80");
        chat.Send("/kirim");

        Assert.Equal(2, chat.Submitted.Count);
        var second = chat.Submitted[1];
        Assert.Equal(first.RecordId, second.RecordId);
        Assert.Equal(2, second.Version);
        Assert.Equal(80L, second.Family["pk_luas_rumah"]);
        Assert.Equal(1, second.Audit.AnswersChanged);
    }

    [Fact]
    public void CancellingAsksFirstAndTidakKeepsEverything()
    {
        var chat = FamilyShapesTests.Header(1);
        chat.Send("Sainem");
        chat.Send("/batal");
        Assert.Contains("Batalkan", chat.LastText);
        chat.Send("tidak");
        Assert.Contains("1.2a ", chat.LastText);
        chat.Send("/batal");
        chat.Send("ya");
        Assert.Null(chat.State.ActiveInterview);
        Assert.Equal(InterviewStatus.Cancelled, chat.Interviews.Single().Status);
    }

    [Theory]
    [InlineData("", Texts.Paused)]
    [InlineData("   ", Texts.Paused)]
    [InlineData("/jeda", Texts.NotNow)]
    public void APausedFamilyAnswersAnEmptyMessageOrASecondPauseAndStaysPaused(string text, string reply)
    {
        var chat = FamilyShapesTests.Header(1);
        chat.Send("/jeda");

        chat.Send(text);

        Assert.Equal(reply, chat.LastText);
        Assert.Equal(InterviewStatus.Paused, chat.Active!.Status);
    }

    [Fact]
    public void APausedFamilyShowsItsSummaryWithoutResuming()
    {
        var chat = FamilyShapesTests.Header(1);
        chat.Send("/jeda");

        chat.Send("/ringkasan");

        Assert.Contains("RINGKASAN", chat.LastText);
        Assert.Contains("Jl. Kenanga 2", chat.LastText);
        Assert.Equal(InterviewStatus.Paused, chat.Active!.Status);
    }

    [Fact]
    public void AnAnswerTypedToAPausedFamilyResumesItAndIsTaken()
    {
        var chat = FamilyShapesTests.Header(1);
        chat.Send("/jeda");

        chat.Send("Sainem");

        Assert.Equal(InterviewStatus.InProgress, chat.Active!.Status);
        Assert.Equal("Sainem", chat.Active.Answers.Single(a => a.Key == "nama#1").Value.ToString());
        Assert.Contains("1.2a ", chat.LastText);
    }

    [Fact]
    public void PausingAndResumingKeepsThePlace()
    {
        var chat = FamilyShapesTests.Header(1);
        chat.Send("Sainem");
        chat.Send("/jeda");
        Assert.Contains("Dijeda", chat.LastText);
        Assert.Equal(InterviewStatus.Paused, chat.Active!.Status);
        chat.Send("/lanjut");
        Assert.Contains("1.2a ", chat.LastText);
    }

    [Fact]
    public void AKaderOfAKecamatanPicksTheDesaByName()
    {
        var chat = new KaderChat(region: "33.13.01");
        chat.Send("/mulai");
        Assert.Contains("desa", chat.LastText);
        chat.Send("ngepung sari");
        Assert.Contains("Ngepungsari", chat.LastText);
        Assert.Equal("33.13.01.2001", chat.Active!.RegionCode);
    }

    [Fact]
    public void APressOnAnOldButtonIsRecognisedAndTheCurrentQuestionAskedAgain()
    {
        var chat = FamilyShapesTests.Header(1);
        chat.Send("Sainem");
        chat.Send("3313015503510005");
        var jenisKelamin = chat.Last.Last().Options.First().Token;
        chat.Send("ok");

        chat.PressToken(jenisKelamin);

        Assert.Contains("sebelumnya", chat.LastText);
        Assert.Contains("1.4 ", chat.LastText);
        Assert.Equal("2", chat.Active!.Answers.Single(a => a.Key == "jenis_kelamin#1").Value.ToString());
    }

    /// <summary>
    /// A kader who taps wherever the question offers buttons and types only where it has none (names, NIKs,
    /// dates, numbers): every question with choices shows buttons, every tap is taken, and the submitted record
    /// holds the code of each option tapped.
    /// </summary>
    [Fact]
    public void AWholeFamilyCanBeAnsweredByButtons()
    {
        var chat = new KaderChat();
        chat.Send("/mulai");
        var tapped = new Dictionary<AnswerKey, int>();
        var typed = 0;
        for (var step = 0; step < 400 && chat.Submitted.Count == 0; step++)
        {
            var interview = chat.ActiveInterview;
            var options = chat.Last.Last().Options;
            if (interview.IsReviewing)
            {
                chat.Send("/kirim");
                continue;
            }
            if (interview.IsConfirming)
            {
                chat.PressToken(options.Single(o => o.Label == "Ya").Token);
                continue;
            }
            var key = interview.CurrentKey!.Value;
            var item = interview.Form.Item(key.ItemId);
            if (item.Type is not (QuestionType.SelectOne or QuestionType.SelectMultiple))
            {
                chat.AnswerCurrent();
                typed++;
                continue;
            }
            Assert.True(options.Count == item.Choices!.Count, $"{key}: {options.Count} buttons for {item.Choices.Count} choices\n{chat.Log}");
            // "Tidak" first keeps the family short; otherwise the first option the form accepts here.
            foreach (var option in options.OrderBy(o => o.Label == "Tidak" ? 0 : 1))
            {
                chat.PressToken(option.Token);
                var now = chat.ActiveInterview;
                if (now.CurrentKey == key && !now.IsReviewing && !now.IsConfirming) continue;
                tapped[key] = item.Choices.Single(c => c.Label == option.Label).Code;
                break;
            }
            Assert.True(tapped.ContainsKey(key), $"no button taken for {key}\n{chat.Log}");
        }

        var record = chat.SubmittedOne();
        output.WriteLine($"{tapped.Count} questions answered by a button, {typed} typed");
        Assert.True(tapped.Count >= 30, $"only {tapped.Count} questions answered by buttons");
        foreach (var (key, code) in tapped)
        {
            var answers = key.Member is { } m ? record.Members[m - 1] : record.Family;
            var value = answers[key.ItemId];
            if (value is IReadOnlyList<int> codes) Assert.Equal([code], codes);
            else Assert.Equal(code, value);
        }
    }

    [Fact]
    public void CommandWordsWithoutASlashWorkWhereNoFreeTextIsAsked()
    {
        var chat = FamilyShapesTests.Header(1);
        chat.Send("Sainem");
        chat.Send("ringkasan");
        Assert.Contains("RINGKASAN", string.Join("\n", chat.Last.Select(r => r.Text)));
    }

    [Fact]
    public void CommandWordsAreTakenAsTextWhereFreeTextIsAsked()
    {
        var chat = FamilyShapesTests.Header(1);
        chat.Send("Kirim");
        Assert.Equal("Kirim", chat.Active!.Answers.Single(a => a.Key == "nama#1").Value.ToString());
    }
}
