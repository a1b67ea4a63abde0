using PK.Domain.People;
using PK.Domain.Regions;
using PK.Domain.Tests.Support;

namespace PK.Domain.Tests.People;

public class RosterParserTests
{
    private const string Header = "nama,telepon,peran,kode_wilayah,target_keluarga";
    private const string GoodRow = "Sri Wahyuni,081311110001,kader,33.13.01.2001,150";

    private static RosterParseResult Parse(string text) => RosterParser.Parse(text, RegionList.Directory);

    private static RosterEntry Single(string text)
    {
        var result = Parse(text);
        Assert.Empty(result.Problems);
        return Assert.Single(result.Entries);
    }

    [Fact]
    public void AGoodFileParsesFully()
    {
        var result = Parse("""
            nama,telepon,peran,kode_wilayah,target_keluarga
            Sri Wahyuni,081311110001,kader,33.13.01.2001,150
            Budi Santoso,81311110002,kader,331301,
            "Hartono, S.Pd",+6281311110003,koordinator,3313,30000
            Admin Kabupaten,6281311110004,admin,33.13,
            Joko,0813-1111-0005,nonaktif,33.13.09.1001,
            """);

        Assert.True(result.IsImportable);
        Assert.Empty(result.Problems);
        Assert.Equal(
            [
                new RosterEntry("Sri Wahyuni", PhoneNumber.Parse("6281311110001"), Role.Kader, RegionCode.Parse("33.13.01.2001"), 150, 2),
                new RosterEntry("Budi Santoso", PhoneNumber.Parse("6281311110002"), Role.Kader, RegionCode.Parse("33.13.01"), null, 3),
                new RosterEntry("Hartono, S.Pd", PhoneNumber.Parse("6281311110003"), Role.Koordinator, RegionCode.Parse("33.13"), 30_000, 4),
                new RosterEntry("Admin Kabupaten", PhoneNumber.Parse("6281311110004"), Role.Admin, RegionCode.Parse("33.13"), null, 5),
                new RosterEntry("Joko", PhoneNumber.Parse("6281311110005"), null, RegionCode.Parse("33.13.09.1001"), null, 6),
            ],
            result.Entries);
    }

    [Theory]
    [InlineData(Header + "\n" + GoodRow + "\n")]
    [InlineData(Header + "\r\n" + GoodRow + "\r\n")]
    [InlineData(Header + "\r" + GoodRow)]
    [InlineData("\uFEFF" + Header + "\r\n" + GoodRow + "\r\n")]
    [InlineData("nama;telepon;peran;kode_wilayah;target_keluarga\nSri Wahyuni;081311110001;kader;33.13.01.2001;150")]
    [InlineData("\uFEFFnama;telepon;peran;kode_wilayah;target_keluarga\r\nSri Wahyuni;081311110001;kader;3313012001;150\r\n")]
    [InlineData(" Nama , TELEPON,Peran,Kode_Wilayah ,Target_Keluarga\n" + GoodRow)]
    [InlineData("kode_wilayah,target_keluarga,peran,telepon,nama\n33.13.01.2001,150,kader,081311110001,Sri Wahyuni")]
    [InlineData("\"nama\",\"telepon\",\"peran\",\"kode_wilayah\",\"target_keluarga\"\n\"Sri Wahyuni\",\"081311110001\",\"kader\",\"33.13.01.2001\",\"150\"")]
    [InlineData("nama;telepon;peran;kode_wilayah;target_keluarga;;\n\"Sri Wahyuni\";081311110001;KADER;33.13.01.2001;150;;")]
    [InlineData("\n" + Header + "\n\n" + GoodRow + "\n\n")]
    [InlineData(Header + ",keterangan\n" + GoodRow + ",pindahan dari Jaten")]
    public void SeparatorsBomLineEndsQuotesAndColumnOrderDoNotMatter(string text)
    {
        var entry = Single(text);
        Assert.Equal(("Sri Wahyuni", "6281311110001", Role.Kader, "33.13.01.2001", (int?)150),
            (entry.Name, entry.Phone.Digits, entry.Role, entry.Region.Dotted, entry.TargetFamilies));
    }

    [Theory]
    [InlineData("081311110001")]
    [InlineData("81311110001")]
    [InlineData("+6281311110001")]
    [InlineData("6281311110001")]
    [InlineData("0813-1111-0001")]
    [InlineData("+62 813 1111 0001")]
    public void EveryIndonesianPhoneFormIsTheSamePerson(string phone) =>
        Assert.Equal("6281311110001", Single($"{Header}\nSri,\"{phone}\",kader,33.13.01.2001,").Phone.Digits);

    [Theory]
    [InlineData("33.13.01.2001", RegionLevel.Desa)]
    [InlineData("3313012001", RegionLevel.Desa)]
    [InlineData("33.13.01", RegionLevel.Kecamatan)]
    [InlineData("331301", RegionLevel.Kecamatan)]
    [InlineData("33.13", RegionLevel.Kabupaten)]
    [InlineData("3313", RegionLevel.Kabupaten)]
    public void AKaderMayWorkADesaAKecamatanOrAKabupaten(string code, RegionLevel level) =>
        Assert.Equal(level, Single($"{Header}\nSri,081311110001,kader,{code},").Region.Level);

    [Theory]
    [InlineData("kader", Role.Kader)]
    [InlineData("Koordinator", Role.Koordinator)]
    [InlineData("ADMIN", Role.Admin)]
    [InlineData("nonaktif", null)]
    [InlineData("NonAktif", null)]
    public void RolesAreReadWhateverTheirCase(string peran, Role? role) =>
        Assert.Equal(role, Single($"{Header}\nSri,081311110001,{peran},33.13,").Role);

    [Fact]
    public void TheTargetColumnMayBeLeftOut()
    {
        var entry = Single("nama,telepon,peran,kode_wilayah\nSri,081311110001,kader,33.13.01.2001");
        Assert.Null(entry.TargetFamilies);
    }

    [Fact]
    public void AProvinceIsAKoordinatorsReachButNotAKaders()
    {
        Assert.Equal(RegionLevel.Provinsi, Single($"{Header}\nSri,081311110001,koordinator,33,").Region.Level);
        var problem = Assert.Single(Parse($"{Header}\nSri,081311110001,kader,33,").Problems);
        Assert.Equal(new RosterProblem(2, Texts.RosterKaderAtProvince), problem);
    }

    [Theory]
    [InlineData("Budi,081311110002,kader,33.13.01.2099,", "Kolom kode_wilayah: kode 33.13.01.2099 tidak ada di daftar wilayah Kemendagri.")]
    [InlineData("Budi,081311110002,kader,3313012099,", "Kolom kode_wilayah: kode 3313****99 tidak ada di daftar wilayah Kemendagri.")]
    [InlineData("Budi,081311110002,kader,33.1x,", "Kolom kode_wilayah: bukan kode wilayah Kemendagri (contoh 33.13.01.2001 atau 3313012001).")]
    [InlineData("Budi,081311110002,kader,20.01,", "Kolom kode_wilayah: 20.01 bukan kode wilayah Kemendagri (contoh 33.13.01.2001 atau 3313012001).")]
    [InlineData("Budi,081311110002,kader,081311110009,", "Kolom kode_wilayah: 0813******09 bukan kode wilayah Kemendagri (contoh 33.13.01.2001 atau 3313012001).")]
    [InlineData("Budi,,kader,33.13,", "Kolom telepon kosong.")]
    [InlineData("Budi,0813abc10002,kader,33.13,", "Kolom telepon: nomor telepon tidak valid.")]
    [InlineData("Budi,12,kader,33.13,", "Kolom telepon: nomor telepon tidak valid.")]
    [InlineData("Budi,081311110002,ketua,33.13,", "Kolom peran tidak dikenal: isi kader, koordinator, admin atau nonaktif.")]
    [InlineData("Budi,081311110002,Budi Santoso,33.13,", "Kolom peran tidak dikenal: isi kader, koordinator, admin atau nonaktif.")]
    [InlineData("Budi,081311110002,,33.13,", "Kolom peran kosong.")]
    [InlineData("Budi,081311110002,kader,33.13,-5", "Kolom target_keluarga: -5 bukan bilangan bulat 0 atau lebih (tulis tanpa titik atau koma).")]
    [InlineData("Budi,081311110002,kader,33.13,1.500", "Kolom target_keluarga: 1.500 bukan bilangan bulat 0 atau lebih (tulis tanpa titik atau koma).")]
    [InlineData("Budi,081311110002,kader,33.13,banyak", "Kolom target_keluarga: harus bilangan bulat 0 atau lebih, tanpa titik atau koma.")]
    [InlineData("Budi,081311110002,kader,33.13,99999999999", "Kolom target_keluarga: 9999*****99 bukan bilangan bulat 0 atau lebih (tulis tanpa titik atau koma).")]
    [InlineData(",081311110002,kader,33.13,", "Kolom nama kosong.")]
    [InlineData("Budi,081311110002,kader,,", "Kolom kode_wilayah kosong.")]
    [InlineData("Budi,081311110001,kader,33.13,", "Kolom telepon: nomor 62813*****001 sudah ada di baris 2.")]
    [InlineData("Budi,+62 813-1111-0001,kader,33.13,", "Kolom telepon: nomor 62813*****001 sudah ada di baris 2.")]
    [InlineData("Budi, S.Pd,081311110002,kader,33.13,", "Baris ini berisi 6 nilai, padahal baris judul hanya 5 kolom; nilai yang memuat koma atau titik koma harus diapit tanda kutip.")]
    [InlineData("\"Budi,081311110002,kader,33.13,", "Tanda kutip (\") tidak ditutup, atau ada teks sesudah tanda kutip penutup.")]
    [InlineData("\"Budi\" S,081311110002,kader,33.13,", "Tanda kutip (\") tidak ditutup, atau ada teks sesudah tanda kutip penutup.")]
    public void EachBadRowIsReportedOnItsLine(string row, string reason)
    {
        // The bad row is line 4: a good row and a blank line come before it, a good row after.
        var result = Parse($"{Header}\n{GoodRow}\n\n{row}\nSiti,081311110003,kader,33.13,\n");

        Assert.False(result.IsImportable);
        Assert.Equal([new RosterProblem(4, reason)], result.Problems);
        Assert.Equal([2, 5], result.Entries.Select(e => e.LineNumber));
    }

    [Fact]
    public void EveryProblemOfALineIsReported()
    {
        var result = Parse($"{Header}\n\"\",0813,boss,99.99,-1\n");
        Assert.Equal(
            [
                new RosterProblem(2, "Kolom nama kosong."),
                new RosterProblem(2, Texts.RosterPhoneInvalid),
                new RosterProblem(2, Texts.RosterRoleUnknown),
                new RosterProblem(2, Texts.ImportCodeInvalid("99.99")),
                new RosterProblem(2, Texts.ImportTargetInvalid("-1")),
            ],
            result.Problems);
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void AShortRowReportsEachMissingValue()
    {
        var result = Parse($"{Header}\nBudi,081311110002\n");
        Assert.Equal([new RosterProblem(2, "Kolom peran kosong."), new RosterProblem(2, "Kolom kode_wilayah kosong.")], result.Problems);
    }

    [Theory]
    [InlineData("nama,telepon,kode_wilayah,target_keluarga", "Kolom peran tidak ada di baris judul.")]
    [InlineData("nama;telpon;peran;kode_wilayah;target_keluarga", "Kolom telepon tidak ada di baris judul.")]
    [InlineData("nama,telepon,peran,kode_wilayah,nama", "Kolom nama tertulis dua kali di baris judul.")]
    [InlineData("Sri Wahyuni,081311110001,kader,33.13.01.2001,150", "Kolom nama tidak ada di baris judul.")]
    public void ABadHeaderStopsTheFileAtLineOne(string header, string reason)
    {
        var result = Parse($"{header}\n{GoodRow}\n");
        Assert.Contains(new RosterProblem(1, reason), result.Problems);
        Assert.All(result.Problems, p => Assert.Equal(1, p.LineNumber));
        Assert.Empty(result.Entries);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n\n  \n")]
    public void AnEmptyFileHasNoHeader(string text) =>
        Assert.Equal([new RosterProblem(1, Texts.ImportFileEmpty)], Parse(text).Problems);

    [Fact]
    public void AHeaderAloneIsAnEmptyRoster()
    {
        var result = Parse(Header + "\n,,,,\n  \n");
        Assert.True(result.IsImportable);
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void NoReasonRepeatsANameOrAWholePhoneNumber()
    {
        var result = Parse($"""
            {Header}
            Sri Wahyuni,081311110001,Sri Wahyuni,081311110001,Sri Wahyuni
            Sri Wahyuni,081311110001,kader,6281311110001,6281311110001
            Sri Wahyuni,Sri Wahyuni,kader,Sri Wahyuni,
            """);
        Assert.NotEmpty(result.Problems);
        Assert.All(result.Problems, p =>
        {
            Assert.DoesNotContain("Sri", p.Reason);
            Assert.DoesNotContain("11110001", p.Reason);
        });
    }
}
