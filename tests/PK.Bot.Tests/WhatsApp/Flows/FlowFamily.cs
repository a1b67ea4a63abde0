using System.Text.Json;
using System.Text.Json.Nodes;
using PK.Domain.Conversations;
using PK.Domain.Forms;
using PK.Domain.Interviews;
using PK.Domain.People;
using PK.Domain.Regions;

namespace PK.Bot.Tests.WhatsApp.Flows;

/// <summary>
/// The family of four (husband 45, wife 38, daughter, son) as answers per item, so the same family can be typed in chat one
/// item per message and entered on Flow screens. <see cref="Ok"/>: take what the bot proposes (from the NIK or the form).
/// </summary>
public static class FlowFamily
{
    public const string Ok = "ok";
    public const string Skip = "/lewati";

    public static readonly string[] Names = ["Budi Santoso", "Siti Aminah", "Rina", "Andi"];
    public static readonly string[] Niks = ["3313011708750001", "3313014211820002", "3313015006050003", "3313010112170004"];

    /// <summary>The member list typed in one message.</summary>
    public static string MemberList => string.Join("\n", Names.Zip(Niks, (n, k) => $"{n} {k}"));

    private static readonly Dictionary<string, string> Family = new()
    {
        ["alamat"] = "Jl. Melati 5", ["telepon"] = Skip, ["rw"] = "3", ["rt"] = "2", ["no_rumah"] = "15", ["no_urut"] = "1", ["jumlah_anggota"] = "4",
        ["kb_melahirkan"] = "2", ["kb_lahir_hidup_l"] = "1", ["kb_lahir_hidup_p"] = "1", ["kb_masih_hidup_l"] = "1", ["kb_masih_hidup_p"] = "1",
        ["kb_anak_ideal"] = "2", ["kb_hamil"] = "2", ["kb_ingin_anak"] = "3", ["kb_pakai"] = "1", ["kb_pakai_mulai"] = "3/2018",
        ["kb_jenis"] = "5", ["kb_tempat"] = "6", ["kb_info_jenis"] = "1", ["kb_info_efek"] = "1", ["kb_info_atasi"] = "1",
        ["pk_ibadah"] = "1", ["pk_akta_nikah"] = "1", ["pk_konflik"] = "2", ["pk_penghasilan"] = "1", ["pk_makan"] = "1", ["pk_tabungan"] = "2",
        ["pk_sakit_disabilitas"] = "2", ["pk_media_online"] = "1", ["pk_waktu_bersama"] = "1", ["pk_pengasuhan"] = "1", ["pk_rekreasi"] = "1",
        ["pk_sosial"] = "1", ["pk_posyandu"] = "1", ["pk_bkb"] = "1", ["pk_bkr"] = "1", ["pk_pikr"] = "2", ["pk_bkl"] = "2",
        ["pk_ekonomi_uppks"] = "2", ["pk_ekonomi_mekaar"] = "2", ["pk_ekonomi_pkh"] = "2", ["pk_ekonomi_lainnya"] = "2",
        ["pk_atap"] = "2", ["pk_dinding"] = "2", ["pk_lantai"] = "2", ["pk_penerangan"] = "1", ["pk_air_minum"] = "2", ["pk_jamban"] = "1",
        ["pk_luas_rumah"] = "72", ["pk_jumlah_penghuni"] = "4", ["pk_bahan_bakar"] = "1", ["pk_kepemilikan_rumah"] = "1",
        ["pk_info_media"] = "1", ["pk_sumber_media"] = "2,3", ["pk_info_petugas"] = "1", ["pk_sumber_petugas"] = "2,9",
    };

    private static readonly Dictionary<string, string[]> Members = new()
    {
        ["nama"] = Names, ["nik"] = Niks,
        ["jenis_kelamin"] = [Ok, Ok, Ok, Ok], ["tanggal_lahir"] = [Ok, Ok, Ok, Ok],
        ["status_kawin"] = ["2", "2", "1", "1"], ["usia_kawin_pertama"] = ["25", "20", "", ""], ["akta_lahir"] = ["1", "1", "1", "1"],
        ["hubungan"] = [Ok, Ok, "3", "3"], ["ibu_kandung"] = ["", "", "2", "2"], ["agama"] = ["1", "1", "1", "1"],
        ["pekerjaan"] = ["2", "1", "1", "1"], ["pendidikan"] = ["8", "8", "7", "1"], ["jkn"] = ["1", "1", "1", "1"], ["keberadaan"] = ["1", "1", "1", "1"],
    };

    /// <summary>What the kader answers for an item (<see cref="Ok"/>, <see cref="Skip"/>, or the text), or null when the family has nothing for it.</summary>
    public static string? Answer(string itemId, int? member) =>
        member is { } m ? (Members.TryGetValue(itemId, out var values) && values[m - 1].Length > 0 ? values[m - 1] : null)
        : Family.GetValueOrDefault(itemId);

    /// <summary>What the kader enters on a Flow field: null keeps what the screen shows (the proposal), blank for a skipped item.</summary>
    public static Func<string, string?> Entries(int? member) => field => Answer(field, member) switch
    {
        Ok => null,
        Skip => "",
        var value => value,
    };

    /// <summary>The same family typed in chat, one item per message, through the real engine; returns the record and the counts.</summary>
    public static (JsonObject Record, int Inputs, int Replies) TypedInChat(string region = "33.13.01.2001")
    {
        using var regions = new StreamReader(Path.Combine(AppContext.BaseDirectory, "data", "wilayah.csv"));
        var engine = new ConversationEngine(FormLoader.Pk21, RegionDirectory.Load(regions), new InterviewOptions());
        var actor = new Actor(Guid.NewGuid().ToString(), "Sri", Role.Kader, RegionCode.Parse(region));
        var state = new ConversationState();
        var interviews = new Dictionary<Guid, InterviewSnapshot>();
        var inputs = 0;
        var replies = 0;
        var text = "/mulai";
        for (var turn = 0; turn < 500; turn++)
        {
            var now = DateTimeOffset.UtcNow;
            inputs++;
            var result = engine.Handle(new TurnInput(actor, state, [.. interviews.Values], new Inbound(InboundKind.Text, text, now), now, new NoFamilies()));
            state = result.State;
            replies += result.Replies.Count;
            foreach (var s in result.Changed) interviews[s.RecordId] = s;
            if (result.Submitted.Count > 0)
                return (JsonNode.Parse(JsonSerializer.Serialize(result.Submitted[0], new JsonSerializerOptions(JsonSerializerDefaults.Web)))!.AsObject(), inputs, replies);
            var interview = Interview.Restore(FormLoader.Pk21, interviews[state.ActiveInterview!.Value]);
            if (interview.IsReviewing)
            {
                text = "/kirim";
                continue;
            }
            if (interview.IsConfirming || interview.CurrentKey is not { } key) throw new InvalidOperationException($"Not at a question: {result.Replies[^1].Text}");
            text = Answer(key.ItemId, key.Member) ?? throw new InvalidOperationException($"The family has no answer for {key}: {result.Replies[^1].Text}");
        }
        throw new InvalidOperationException("The family typed in chat was not submitted.");
    }

    /// <summary>The parts of a record that say what was recorded (not who, when or how long).</summary>
    public static string Content(JsonObject record) => new JsonObject
    {
        ["formId"] = record["formId"]?.DeepClone(),
        ["region"] = record["region"]?.DeepClone(),
        ["family"] = record["family"]?.DeepClone(),
        ["members"] = record["members"]?.DeepClone(),
        ["indicators"] = record["indicators"]?.DeepClone(),
    }.ToJsonString();

    private sealed class NoFamilies : IFamilyRegistry
    {
        public FamilyMatch? FindRecorded(Guid excluding, string? familyKey, string? kkNik) => null;
    }
}
