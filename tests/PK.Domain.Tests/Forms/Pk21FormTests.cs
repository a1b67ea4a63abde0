using PK.Domain.Conversations;
using PK.Domain.Answers;
using PK.Domain.Forms;
using PK.Domain.Tests.Interviews;
using PK.Domain.Tests.Support;

namespace PK.Domain.Tests.Forms;

/// <summary>The shipped PK21 form loads and keeps the official numbers and codes of the PK21 form (docs/pk21-form-notes.md).</summary>
public class Pk21FormTests
{
    private static FormDefinition Form => FormLoader.Pk21;

    private static IEnumerable<(int Code, string Label)> List(string name) =>
        Form.ChoiceLists[name].Select(c => (c.Code, c.Label));

    [Fact]
    public void TheEmbeddedFormLoads()
    {
        Assert.Equal("pk21", Form.Id);
        Assert.Equal(["keluarga", "anggota", "kb", "pk"], Form.Blocks.Select(b => b.Id));
        Assert.Equal(["K", "I", "II", "III"], Form.Blocks.Select(b => b.Number));
        Assert.Same(Form.Blocks[1], Form.RepeatBlock);
        Assert.Equal("${ada_wanita_kb} = 1", Form.Blocks[2].Relevant?.Source);
    }

    [Fact]
    public void TheHeaderAsksTextFirstThenTheNumbersTogether()
    {
        var header = Form.Blocks[0].Items.Where(i => i.IsQuestion).ToList();
        Assert.Equal(["alamat", "telepon", "rw", "rt", "no_rumah", "no_urut", "jumlah_anggota"], header.Select(i => i.Id));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], header.Select(i => i.Number));
        Assert.False(Form.Item("telepon").Required);
        Assert.All(header.Skip(3), i => Assert.Equal(QuestionType.Integer, i.Type));
    }

    [Fact]
    public void BlokIKeepsTheFormsNumbers()
    {
        var members = Form.Blocks[1].Items.Where(i => i.IsQuestion).Select(i => (i.Id, i.Number));
        Assert.Equal(
            [("nama", "2"), ("nik", "2a"), ("jenis_kelamin", "3"), ("tanggal_lahir", "4"), ("status_kawin", "7"),
             ("usia_kawin_pertama", "8"), ("akta_lahir", "9"), ("hubungan", "10"), ("ibu_kandung", "11"), ("agama", "12"),
             ("pekerjaan", "13"), ("pendidikan", "14"), ("jkn", "15"), ("keberadaan", "16")],
            members);
    }

    [Fact]
    public void BlokIIIHasAll32ItemsAndTheirSubItems()
    {
        var numbers = Form.Blocks[3].Items.Select(i => i.Number).ToHashSet();
        foreach (var n in Enumerable.Range(1, 32)) Assert.Contains(n.ToString(), numbers);
        foreach (var n in new[] { "3a", "3b", "3c", "3d", "18a", "18b", "18c", "18d" }) Assert.Contains(n, numbers);
    }

    [Fact]
    public void BlokIINumbersFollowTheForm()
    {
        var numbers = Form.Blocks[2].Items.Where(i => i.IsQuestion).Select(i => i.Number);
        Assert.Equal(
            ["1", "1a", "1b", "1c", "1d", "2", "3", "3a", "3b", "3c", "4", "4a", "5", "5a", "5b", "6", "7", "8", "8a", "9a", "9b", "9c"],
            numbers);
    }

    [Fact]
    public void KeyCodesAreTheOfficialOnes()
    {
        Assert.Equal(
            [(1, "Islam"), (2, "Kristen"), (3, "Katolik"), (4, "Hindu"), (5, "Budha"), (6, "Khonghucu"), (7, "Penghayat Kepercayaan"), (8, "Lainnya")],
            List("agama"));
        Assert.Equal(
            [(1, "Tidak/Belum Bekerja"), (2, "Petani"), (3, "Nelayan"), (4, "Pedagang"), (5, "Pejabat Negara"),
             (6, "PNS/TNI/POLRI"), (7, "Pegawai Swasta"), (8, "Wiraswasta"), (9, "Pensiunan"), (10, "Pekerja Lepas")],
            List("pekerjaan"));
        Assert.Equal(
            [(1, "Tidak/Belum Sekolah"), (2, "Tidak Tamat SD/Sederajat"), (3, "Masih SD"), (4, "Tamat SD"), (5, "Masih SLTP"),
             (6, "Tamat SLTP"), (7, "Masih SLTA"), (8, "Tamat SLTA"), (9, "Masih PT/Akademi"), (10, "Tamat PT/Akademi")],
            List("pendidikan"));
        Assert.Equal(
            [(1, "Air kemasan/isi ulang"), (2, "Ledeng/PAM"), (3, "Sumur bor"), (4, "Sumur terlindung"),
             (5, "Sumur tidak terlindung"), (6, "Air permukaan"), (7, "Air hujan"), (8, "Lainnya")],
            List(Form.Item("pk_air_minum").ChoiceListName!));
        Assert.Equal(
            [(1, "Ya, dengan septic tank"), (2, "Ya, tanpa septic tank"), (3, "Tidak, jamban umum/bersama"), (4, "Lainnya")],
            List(Form.Item("pk_jamban").ChoiceListName!));
        Assert.Equal([(1, "Ya"), (2, "Tidak"), (3, "Tidak Berlaku")], List("ya_tidak_tb"));
    }

    // Three families recorded through the conversation, each answering question by question (so that every
    // question asked shows up as a prompt): a widow living alone, the issue's family of four (a couple, a girl of
    // 15 and a boy of 3) and a mother with her son, both with a conflict in the family.
    private static readonly Lazy<KaderChat> Alone = new(() =>
    {
        var chat = FamilyShapesTests.Header(1);
        FamilyShapesTests.Member(chat, "Mbah Sainem", "3313015503510005", "ok ok 4 20 1 ok 1 1 1 1 ok");
        chat.FinishWith();
        return chat;
    });

    private static readonly Lazy<KaderChat> FamilyOfFour = new(() =>
    {
        var chat = FamilyShapesTests.Header(4);
        foreach (var line in WholeFamilyTests.FamilyOfFourInputs[5..17]) chat.Send(line);
        chat.FinishWith(new Dictionary<string, string> { ["pk_konflik"] = "1" });
        return chat;
    });

    private static readonly Lazy<KaderChat> MotherAndSon = new(() =>
    {
        var chat = FamilyShapesTests.Header(2);
        FamilyShapesTests.Member(chat, "Sumiyem", "3313014506550006", "ok ok 4 19 1 ok 1 2 2 1 1");
        FamilyShapesTests.Member(chat, "Bagus", "belum ada", "1 12-03-2013 1 1 4 1 1 3 1 1");
        chat.FinishWith(new Dictionary<string, string> { ["pk_konflik"] = "1" });
        return chat;
    });

    private static KaderChat Family(string name) => name switch
    {
        "alone" => Alone.Value,
        "four" => FamilyOfFour.Value,
        _ => MotherAndSon.Value,
    };

    /// <summary>
    /// In a family where no member qualifies, the item is never asked and the record holds Tidak Berlaku (3), filled
    /// automatically; in a family where someone qualifies, the same item is asked and holds what the kader chose.
    /// </summary>
    [Theory]
    [InlineData("pk_konflik_pisah_ranjang", "mother and son", "four")]
    [InlineData("pk_pengasuhan", "alone", "four")]
    [InlineData("pk_posyandu", "alone", "four")]
    [InlineData("pk_bkb", "alone", "four")]
    [InlineData("pk_bkr", "alone", "four")]
    [InlineData("pk_pikr", "alone", "four")]
    [InlineData("pk_bkl", "four", "alone")]
    public void TidakBerlakuIsFilledWhenNoMemberQualifies(string id, string noneQualifies, string someoneQualifies)
    {
        var filled = Family(noneQualifies);
        Assert.Equal(3, filled.SubmittedOne().Family[id]);
        Assert.DoesNotContain(filled.Audit, a => a.ItemId == id && a.Kind != AnswerChangeKind.Auto);
        Assert.Contains(filled.Audit, a => a.ItemId == id && a.Kind == AnswerChangeKind.Auto && a.Value == new ChoiceAnswer(3));

        var asked = Family(someoneQualifies);
        Assert.DoesNotContain(asked.Audit, a => a.ItemId == id && a.Kind == AnswerChangeKind.Auto);
        var chosen = Assert.Single(asked.Audit, a => a.ItemId == id).Value;
        Assert.Equal(((ChoiceAnswer)chosen!).Code, asked.SubmittedOne().Family[id]);
    }

    [Fact]
    public void EveryConstraintHasAMessageAndEveryQuestionALabel()
    {
        Assert.All(Form.Items.SelectMany(i => i.Constraints), c => Assert.False(string.IsNullOrWhiteSpace(c.Message.Indonesian)));
        Assert.All(Form.Items.Where(i => i.IsQuestion), i => Assert.False(string.IsNullOrWhiteSpace(i.Label?.Indonesian)));
    }

    [Fact]
    public void TheFourTerlaluSettingsAreThere()
    {
        Assert.Equal(35L, Form.Settings["terlalu_tua_min"]);
        Assert.Equal(20L, Form.Settings["terlalu_muda_max"]);
        Assert.Equal(24L, Form.Settings["terlalu_dekat_bulan"]);
        Assert.Equal(4L, Form.Settings["terlalu_banyak_min"]);
        Assert.Equal("lahir_hidup", Form.Settings["terlalu_banyak_pakai"]);
    }

    /// <summary>Words deliberately shared by two codes: the bot asks which one is meant instead of guessing.</summary>
    private static readonly HashSet<(string List, string Word)> SharedOnPurpose =
        [("status_kawin", "cerai"), ("status_kawin", "janda"), ("status_kawin", "duda")];

    [Fact]
    public void EveryLabelAndSynonymLeadsToItsOwnCode()
    {
        var wrong = new List<string>();
        foreach (var (name, choices) in Form.ChoiceLists)
        {
            var matcher = new ChoiceMatcher(choices);
            foreach (var choice in choices)
            {
                foreach (var word in (choice.Synonyms ?? []).Prepend(choice.Label))
                {
                    var match = matcher.Resolve(InputText.Clean(word));
                    var ok = SharedOnPurpose.Contains((name, word))
                        ? match.Kind == MatchKind.Ambiguous && match.Codes.Contains(choice.Code)
                        : match.Kind == MatchKind.Found && match.Codes[0] == choice.Code;
                    if (!ok) wrong.Add($"{name}: '{word}' should mean {choice.Code} but gives {match.Kind} [{string.Join(",", match.Codes)}]");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
