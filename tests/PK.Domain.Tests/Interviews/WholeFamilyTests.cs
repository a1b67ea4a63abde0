using PK.Domain.Tests.Support;
using Xunit.Abstractions;

namespace PK.Domain.Tests.Interviews;

/// <summary>Whole families walked through the real PK21 form file, as a kader would type them.</summary>
public class WholeFamilyTests(ITestOutputHelper output)
{
    private static object? Family(KaderChat chat, string id) => chat.Submitted.Last().Family.GetValueOrDefault(id);
    private static object? Member(KaderChat chat, int m, string id) => chat.Submitted.Last().Members[m - 1].GetValueOrDefault(id);

    /// <summary>Husband 45, wife 38, daughter 15, son 3, as a kader types them: the family of four.</summary>
    internal static readonly string[] FamilyOfFourInputs =
    [
        "/mulai", "Jl. Melati 5", "/lewati", "3", "2 15 1 4",
        "Budi Santoso", "3313011708750001", "ok ok 2 25 1 ok 1 2 8 1 1",
        "Siti Aminah", "3313014211820002", "ok ok 2 20 1 ok 1 1 8 1 1",
        "Rina", "3313015006050003", "ok ok 1 1 3 2 1 1 7 1 1",
        "Andi", "3313010112170004", "ok ok 1 1 3 2 1 1 1 1 1",
        "2 1 1 1 1 2 2 3 1 3/2018 5 6 1 1 1",
        "1 1 2 1 1 2 2 1 1 1 1 1 1 2 2 2 2 2 2 2 2 1 2 1 3 1 72 4 1 1 1",
        "2,3", "1", "2,9", "/kirim",
    ];

    /// <summary>The family of four, recorded in as few inputs as the form allows.</summary>
    internal static KaderChat FamilyOfFour(ITestOutputHelper? output = null)
    {
        var chat = new KaderChat();
        foreach (var text in FamilyOfFourInputs)
        {
            chat.Send(text);
            output?.WriteLine($"> {text}\n{chat.LastText}\n");
        }
        return chat;
    }

    /// <summary>The figure the README publishes: 23 inputs from <c>/mulai</c> to submission.</summary>
    [Fact]
    public void AFamilyOfFourTakesTwentyThreeInputs()
    {
        var chat = FamilyOfFour(output);
        output.WriteLine($"inputs: {chat.Inputs}");
        Assert.Single(chat.Submitted);
        Assert.Equal(23, chat.Inputs);
        Assert.Equal(FamilyOfFourInputs.Length, chat.Inputs);
        // The count ends at the submission: one input fewer and nothing is submitted yet.
        var withoutKirim = new KaderChat();
        foreach (var text in FamilyOfFourInputs[..^1]) withoutKirim.Send(text);
        Assert.Empty(withoutKirim.Submitted);
        var record = chat.Submitted[0];
        Assert.Equal(4, record.Members.Count);
        Assert.Equal("3313011708750001", Member(chat, 1, "nik"));
        Assert.Equal(1, Member(chat, 1, "hubungan"));
        Assert.Equal(2, Member(chat, 2, "hubungan"));
        Assert.Equal(2, Member(chat, 2, "jenis_kelamin"));
        Assert.Equal("1982-11-02", Member(chat, 2, "tanggal_lahir"));
        Assert.Equal(2L, Member(chat, 3, "ibu_kandung"));
        Assert.Equal(3, Family(chat, "pk_bkl"));
        Assert.Equal(3, Family(chat, "pk_air_minum"));
        Assert.Equal(new[] { 2, 9 }, (IReadOnlyList<int>)Family(chat, "pk_sumber_petugas")!);
        Assert.Equal("33.13.01.2001", record.Region.Desa);
        Assert.Equal("33.13", record.Region.Kabupaten);
    }

    [Fact]
    public void TheFamilyOfFourIsJudgedForStuntingByTheWifesAge()
    {
        var indicators = FamilyOfFour().Submitted[0].Indicators;
        Assert.True(indicators.Pus);
        Assert.False(indicators.PusHamil);
        Assert.True(indicators.HasBalita);
        Assert.False(indicators.HasBaduta);
        Assert.True(indicators.HasRemaja);
        Assert.False(indicators.HasLansia);
        Assert.True(indicators.BerisikoStunting);
        Assert.Equal(["terlalu_tua"], indicators.Reasons.Select(r => r.Code));
    }
}
