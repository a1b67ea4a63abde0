using PK.Domain.Conversations;
using PK.Domain.Interviews;
using PK.Domain.Tests.Support;

namespace PK.Domain.Tests.Interviews;

/// <summary>Families of every shape the form must handle, walked through the real PK21 form.</summary>
public class FamilyShapesTests
{

    /// <summary>Starts a family and answers the header: alamat, no phone, RW, then RT, No. Rumah, No. Urut, members.</summary>
    internal static KaderChat Header(int members, KaderChat? chat = null, string rumah = "15")
    {
        chat ??= new KaderChat();
        chat.Send("/mulai");
        chat.Send("Jl. Kenanga 2");
        chat.Send("/lewati");
        chat.Send("4");
        chat.Send($"1 {rumah} 1 {members}");
        return chat;
    }

    internal static void Member(KaderChat chat, string name, string nik, string rest)
    {
        chat.Send(name);
        chat.Send(nik);
        chat.Send(rest);
    }

    private static object? Answer(KaderChat chat, string key) =>
        chat.ActiveInterview.Answers.TryGetValue(AnswerKey.Parse(key), out var v) ? v.RecordValue : null;

    [Fact]
    public void AOnePersonFamilySkipsTheConflictItemsTheKbBlockAndFillsTidakBerlaku()
    {
        var chat = Header(1);
        Member(chat, "Mbah Sainem", "3313015503510005", "ok ok 4 20 1 ok 1 1 1 1 ok");
        Assert.Contains("III.1 ", chat.LastText);
        chat.Send("1 1 1 1 2 2 1 1 1 1 1 2 2 2 2 2 1 2 1 3 1 36 1 3 1 2");
        chat.Send("2");
        chat.Send("/kirim");

        var record = chat.SubmittedOne();
        Assert.DoesNotContain(record.Family.Keys, k => k.StartsWith("kb_"));
        Assert.False(record.Family.ContainsKey("pk_konflik"));
        Assert.Equal(3, record.Family["pk_pengasuhan"]);
        Assert.Equal(3, record.Family["pk_posyandu"]);
        Assert.Equal(3, record.Family["pk_bkb"]);
        Assert.Equal(1, record.Family["pk_bkl"]);
        Assert.Equal(1, record.Members[0]["keberadaan"]);
        Assert.True(record.Indicators.HasLansia);
        Assert.False(record.Indicators.SasaranStunting);
        Assert.Contains(chat.Audit, a => a.ItemId == "pk_pengasuhan" && a.Kind == AnswerChangeKind.Auto);
    }

    [Fact]
    public void AKeluargaKhususWithNoCoupleHasNoKbBlockAndTidakBerlakuForCoupleItems()
    {
        var chat = Header(2);
        Member(chat, "Sumiyem", "3313014506550006", "ok ok 4 19 1 ok 1 2 2 1 1");
        Member(chat, "Bagus", "belum ada", "1 12-03-2013 1 1 4 1 1 3 1 1");
        Assert.Contains("III.1 ", chat.LastText);

        var record = chat.FinishWith();
        Assert.DoesNotContain(record.Family.Keys, k => k.StartsWith("kb_"));
        Assert.Equal(2, record.Family["pk_konflik"]);
        Assert.False(record.Family.ContainsKey("pk_konflik_pisah_ranjang"));
        Assert.Equal(3, record.Family["pk_pengasuhan"]);
        Assert.Equal(4, record.Members[1]["hubungan"]);
        Assert.Equal("", record.Members[1]["nik"]);
        Assert.False(record.Indicators.Pus);
    }

    [Fact]
    public void ABabyUnderTwoAndUnsafeWaterMakeTheFamilyBerisikoStuntingForTheWaterOnly()
    {
        var chat = Header(3);
        Member(chat, "Joko", "3313011005900007", "ok ok 2 24 1 ok 1 2 8 1 1");
        Member(chat, "Wati", "3313015208950008", "ok ok 2 21 1 ok 1 1 8 1 1");
        Member(chat, "Dimas", "belum ada", "1 3/2020 1 2 3 2 1 1 1 4 1");
        // KB: 1 birth, 1 boy born and living, ideal 2, not pregnant, wants more later, not using KB, not in the last 12 months, reason 1.
        chat.Send("1 1 0 1 0 2 2 2 2 2 1");
        Assert.Contains("III.1 ", chat.LastText);

        // Item 23 (water) = 6, surface water; 24 (latrine) = 1.
        var record = chat.FinishWith(new Dictionary<string, string> { ["pk_air_minum"] = "6", ["pk_jamban"] = "1" });
        Assert.True(record.Indicators.HasBaduta);
        Assert.True(record.Indicators.Pus);
        Assert.True(record.Indicators.BerisikoStunting);
        Assert.Equal(["air_minum_tidak_layak"], record.Indicators.Reasons.Select(r => r.Code));
        Assert.Equal("2020-03", record.Members[2]["tanggal_lahir"]);
    }

    [Fact]
    public void AWifeUnderTwentyIsTerlaluMuda()
    {
        var chat = Header(2);
        Member(chat, "Eko", "3313011005980009", "ok ok 2 21 1 ok 1 2 8 1 1");
        Member(chat, "Ayu", "3313015208020010", "ok ok 2 17 1 ok 1 1 7 1 1");
        chat.Send("0 1 2 2 2 2 1");
        Assert.Contains("III.1 ", chat.LastText);

        var record = chat.FinishWith(new Dictionary<string, string> { ["pk_air_minum"] = "1", ["pk_jamban"] = "1" });
        Assert.True(record.Indicators.Pus);
        Assert.Contains(record.Indicators.Reasons, r => r.Code == "terlalu_muda");
        Assert.False(record.Indicators.HasBaduta);
        Assert.True(record.Indicators.BerisikoStunting);
    }

    [Fact]
    public void ASecondWifeIsRefusedWithTheInstructionToUseHerOwnForm()
    {
        var chat = Header(3);
        Member(chat, "Darmo", "3313011005700011", "ok ok 2 24 1 ok 1 2 8 1 1");
        Member(chat, "Tini", "3313015208750012", "ok ok 2 21 1 ok 1 1 8 1 1");
        Member(chat, "Yati", "3313015208800013", "ok ok 2 25 1 2");

        Assert.Contains("formulir sendiri", chat.LastText);
        Assert.Contains("3.10 ", chat.LastText);
        Assert.Null(Answer(chat, "hubungan#3"));
        Assert.Equal(1, Answer(chat, "akta_lahir#3"));
    }

    [Fact]
    public void GoingBackAcrossAMemberBoundaryReturnsToWhereTheKaderWas()
    {
        var chat = Header(2);
        Member(chat, "Joko", "3313011005900007", "ok ok 2 24 1 ok 1 2 8 1 1");
        Assert.Contains("2.2 ", chat.LastText);

        chat.Send("/kembali");
        Assert.Contains("1.16 ", chat.LastText);
        Assert.Contains("Jawaban sekarang: Di Dalam Rumah", chat.LastText);
        chat.Send("/kembali");
        Assert.Contains("1.15 ", chat.LastText);
        chat.Send("2");
        Assert.Contains("✓ 1.15", chat.LastText);
        Assert.Contains("2.2 ", chat.LastText);
        Assert.Equal(2, Answer(chat, "jkn#1"));
        Assert.Equal(1, Answer(chat, "keberadaan#1"));
    }

    [Fact]
    public void AnEditFromTheSummaryReturnsToTheQuestionBeingAsked()
    {
        var chat = Header(2);
        Member(chat, "Joko", "3313011005900007", "ok ok 2 24 1 ok 1 2 8 1 1");
        chat.Send("Wati");
        chat.Send("/ubah 1.13");
        Assert.Contains("1.13 ", chat.LastText);
        chat.Send("7");
        Assert.Equal(7, Answer(chat, "pekerjaan#1"));
        Assert.Contains("2.2a ", chat.LastText);
        Assert.Contains(chat.Audit, a => a.ItemKey == "pekerjaan#1" && a.Kind == AnswerChangeKind.Changed);
    }

    [Fact]
    public void AnEditThatEndsAMarriageDropsTheAgeAtFirstMarriage()
    {
        var chat = Header(1);
        Member(chat, "Sainem", "3313015503510005", "ok ok 4 20 1 ok 1 1 1 1 ok");
        Assert.Equal(20L, Answer(chat, "usia_kawin_pertama#1"));

        chat.Send("/ubah 1.7");
        chat.Send("1");

        Assert.Null(Answer(chat, "usia_kawin_pertama#1"));
        Assert.Contains(chat.Audit, a => a.ItemKey == "usia_kawin_pertama#1" && a.Kind == AnswerChangeKind.Dropped);
        Assert.Contains("tidak berlaku lagi", chat.LastText);
    }

    [Fact]
    public void LoweringTheNumberOfMembersDropsTheLastMembersAnswers()
    {
        var chat = Header(2);
        Member(chat, "Sumiyem", "3313014506550006", "ok ok 4 19 1 ok 1 2 2 1 1");
        Member(chat, "Bagus", "belum ada", "1 12-03-2013 1 1 4 1 1 3 1 1");
        Assert.Equal("Bagus", Answer(chat, "nama#2"));

        chat.Send("/ubah K.7");
        chat.Send("1");

        Assert.Null(Answer(chat, "nama#2"));
        Assert.Equal("Sumiyem", Answer(chat, "nama#1"));
        Assert.Contains(chat.Audit, a => a.ItemKey == "nama#2" && a.Kind == AnswerChangeKind.Dropped);
    }

    [Fact]
    public void AnEditThatMakesTheWifeEligibleAddsTheKbBlock()
    {
        var chat = Header(1);
        Member(chat, "Rahayu", "3313015208900014", "ok ok 3 20 1 ok 1 8 8 1 ok");
        Assert.Contains("III.1 ", chat.LastText);

        chat.Send("/ubah 1.7");
        chat.Send("2");

        Assert.Contains("II.1 ", chat.LastText);
        Assert.Equal(2, Answer(chat, "status_kawin#1"));
    }

    [Fact]
    public void ABatchWithABadAnswerInTheMiddleKeepsTheGoodOnesBeforeIt()
    {
        var chat = Header(1);
        Member(chat, "Sainem", "3313015503510005", "ok ok 4 20 1 ok 1 1 1 1 ok");

        chat.Send("1 2 9 1");

        Assert.Equal(1, Answer(chat, "pk_ibadah"));
        Assert.Equal(2, Answer(chat, "pk_akta_nikah"));
        Assert.Null(Answer(chat, "pk_penghasilan"));
        Assert.Contains("III.4 ", chat.LastText);
        Assert.Contains("Belum dipakai: «1»", chat.LastText);
    }

    [Fact]
    public void ASexThatDisagreesWithTheNikIsConfirmedNotRefused()
    {
        var chat = Header(1);
        chat.Send("Sainem");
        chat.Send("3313015503510005");
        chat.Send("1");
        Assert.Contains("NIK menunjukkan Perempuan", chat.LastText);
        Assert.Null(Answer(chat, "jenis_kelamin#1"));

        chat.Send("ya");

        Assert.Equal(1, Answer(chat, "jenis_kelamin#1"));
        Assert.Contains("1.4 ", chat.LastText);
    }
}
