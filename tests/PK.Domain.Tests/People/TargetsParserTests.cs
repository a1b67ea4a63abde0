using PK.Domain.People;
using PK.Domain.Regions;
using PK.Domain.Tests.Support;

namespace PK.Domain.Tests.People;

public class TargetsParserTests
{
    private static TargetsParseResult Parse(string text) => TargetsParser.Parse(text, RegionList.Directory);

    [Theory]
    [InlineData("kode_wilayah,target_keluarga\n33.13,302000\n3313012001,0\n33.13.09,\"14500\"\n")]
    [InlineData("\uFEFFKODE_WILAYAH;TARGET_KELUARGA\r\n3313;302000\r\n\r\n33.13.01.2001;0\r\n331309;14500\r\n")]
    [InlineData("target_keluarga,kode_wilayah\n302000,33.13\n0,33.13.01.2001\n14500,33.13.09")]
    public void AGoodFileParsesFully(string text)
    {
        var result = Parse(text);
        Assert.True(result.IsImportable);
        Assert.Equal(
            [(RegionCode.Parse("33.13"), 302_000), (RegionCode.Parse("33.13.01.2001"), 0), (RegionCode.Parse("33.13.09"), 14_500)],
            result.Entries.Select(e => (e.Region, e.TargetFamilies)));
    }

    [Theory]
    [InlineData("33.13.01.2099,10", "Kolom kode_wilayah: kode 33.13.01.2099 tidak ada di daftar wilayah Kemendagri.")]
    [InlineData("abc,10", "Kolom kode_wilayah: bukan kode wilayah Kemendagri (contoh 33.13.01.2001 atau 3313012001).")]
    [InlineData(",10", "Kolom kode_wilayah kosong.")]
    [InlineData("33.13.02,", "Kolom target_keluarga kosong.")]
    [InlineData("33.13.02", "Kolom target_keluarga kosong.")]
    [InlineData("33.13.02,-3", "Kolom target_keluarga: -3 bukan bilangan bulat 0 atau lebih (tulis tanpa titik atau koma).")]
    [InlineData("3313.01,5", "Kolom kode_wilayah: 3313.01 bukan kode wilayah Kemendagri (contoh 33.13.01.2001 atau 3313012001).")]
    [InlineData("331301,5", "Kolom kode_wilayah: 33.13.01 sudah ada di baris 2.")]
    [InlineData("33.13.02,5,9", "Baris ini berisi 3 nilai, padahal baris judul hanya 2 kolom; nilai yang memuat koma atau titik koma harus diapit tanda kutip.")]
    public void EachBadRowIsReportedOnItsLine(string row, string reason)
    {
        var result = Parse($"kode_wilayah,target_keluarga\n33.13.01,100\n{row}\n33.13.03,7\n");
        Assert.False(result.IsImportable);
        Assert.Equal([new RosterProblem(3, reason)], result.Problems);
        Assert.Equal([2, 4], result.Entries.Select(e => e.LineNumber));
    }

    [Fact]
    public void BothColumnsAreRequired() =>
        Assert.Equal([new RosterProblem(1, "Kolom target_keluarga tidak ada di baris judul.")],
            Parse("kode_wilayah\n33.13\n").Problems);
}
