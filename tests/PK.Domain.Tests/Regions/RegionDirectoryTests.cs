using PK.Domain.Regions;
using PK.Domain.Tests.Support;

namespace PK.Domain.Tests.Regions;

public class RegionDirectoryTests
{
    private static readonly RegionDirectory Regions = RegionList.Directory;
    private static readonly RegionCode Karanganyar = RegionCode.Parse("33.13");

    [Fact]
    public void TheShippedListHoldsEveryLevelOfThe2025Decree()
    {
        // data/README.md: 38 provinsi, 514 kabupaten/kota, 7,285 kecamatan, 83,762 desa/kelurahan.
        Assert.Equal(38 + 514 + 7_285 + 83_762, Regions.Count);
        var provinces = new[] { "11", "33", "51", "96" }.Select(RegionCode.Parse);
        Assert.All(provinces, p => Assert.True(Regions.Exists(p)));
    }

    [Fact]
    public void KaranganyarHas17KecamatanAnd177DesaOrKelurahan()
    {
        // The PK21 reference counted 176–177; the 2025 decree in data/wilayah.csv has 177.
        Assert.Equal(17, Regions.ChildrenOf(Karanganyar).Count);
        Assert.Equal(177, Regions.DesaIn(Karanganyar).Count);
        Assert.Equal("Kabupaten Karanganyar", Regions.NameOf(Karanganyar));
    }

    [Theory]
    [InlineData("33.13.01", "Jatipuro", 10)]
    [InlineData("33.13.06", "Tawangmangu", 10)]
    [InlineData("33.13.09", "Karanganyar", 12)]
    [InlineData("33.13.11", "Jaten", 8)]
    [InlineData("33.13.17", "Jenawi", 9)]
    public void EachKecamatanOfKaranganyarHasTheDesaPk21Lists(string code, string name, int desa)
    {
        var kecamatan = RegionCode.Parse(code);
        Assert.Equal(name, Regions.NameOf(kecamatan));
        Assert.Equal(desa, Regions.DesaIn(kecamatan).Count);
        Assert.Equal(Regions.ChildrenOf(kecamatan), Regions.DesaIn(kecamatan));
    }

    [Fact]
    public void TheExampleDesaHaveTheirNames()
    {
        Assert.Equal("Ngepungsari", Regions.NameOf(RegionCode.Parse("33.13.01.2001")));
        Assert.Equal("Lalung", Regions.NameOf(RegionCode.Parse("33.13.09.1001")));
        Assert.Equal("Ngepungsari, Jatipuro, Kabupaten Karanganyar", Regions.FullNameOf(RegionCode.Parse("3313012001")));
        Assert.Equal("Jatipuro, Kabupaten Karanganyar", Regions.FullNameOf(RegionCode.Parse("33.13.01")));
        Assert.Equal("Kabupaten Karanganyar", Regions.FullNameOf(Karanganyar));
        Assert.Equal("Jawa Tengah", Regions.FullNameOf(RegionCode.Parse("33")));
    }

    [Fact]
    public void NamesWithCommasSurviveTheirQuotes() =>
        Assert.Equal("Lambang Sari I, II, III", Regions.NameOf(RegionCode.Parse("14.02.09.2010")));

    [Fact]
    public void ACodeThatIsWellFormedNeedNotExist()
    {
        var missing = RegionCode.Parse("33.13.01.2099");
        Assert.False(Regions.Exists(missing));
        Assert.Throws<KeyNotFoundException>(() => Regions.NameOf(missing));
        Assert.Empty(Regions.DesaIn(missing));
    }

    [Fact]
    public void ChildrenComeInCodeOrderAndOnlyOneLevelDown()
    {
        var children = Regions.ChildrenOf(Karanganyar);
        Assert.Equal("33.13.01", children[0].Dotted);
        Assert.Equal("33.13.17", children[^1].Dotted);
        Assert.All(children, c => Assert.Equal(RegionLevel.Kecamatan, c.Level));
        Assert.Empty(Regions.ChildrenOf(RegionCode.Parse("33.13.01.2001")));
        Assert.Equal([RegionCode.Parse("33.13.01.2001")], Regions.DesaIn(RegionCode.Parse("33.13.01.2001")));
    }

    [Theory]
    [InlineData("33.13.01", "Ngepungsari", "33.13.01.2001")]
    [InlineData("33.13.01", "  NGEPUNGSARI ", "33.13.01.2001")]
    [InlineData("33.13.01", "desa ngepungsari", "33.13.01.2001")]
    [InlineData("33.13", "Ngepungsari", "33.13.01.2001")]
    [InlineData("33.13", "Kelurahan Lalung", "33.13.09.1001")]
    [InlineData("33.13", "kel. lalung", "33.13.09.1001")]
    [InlineData("33.13", "Kel.Lalung", "33.13.09.1001")]
    [InlineData("33.13.01", "ngepung", "33.13.01.2001")]
    [InlineData("33.13.01", "Ngepungsri", "33.13.01.2001")]
    [InlineData("33.13.01", "Ngpeungsari", "33.13.01.2001")]
    [InlineData("33.13.01", "Ngepngsar", "33.13.01.2001")]
    [InlineData("33.13.09", "Lalng", "33.13.09.1001")]
    [InlineData("53.07.01", "Regapu'u", "53.07.01.2021")]
    public void ATypedDesaNameIsFoundForgivingly(string area, string typed, string expected)
    {
        var found = Regions.FindDesa(RegionCode.Parse(area), typed);
        Assert.Equal([RegionCode.Parse(expected)], found.Select(f => f.Code));
        Assert.Equal(Regions.NameOf(RegionCode.Parse(expected)), found[0].Name);
    }

    [Fact]
    public void AnExactNameWinsOverLongerNamesItBegins()
    {
        var area = RegionCode.Parse("33");
        var exact = Regions.FindDesa(area, "Sidomulyo");
        Assert.NotEmpty(exact);
        Assert.All(exact, f => Assert.Equal("Sidomulyo", f.Name));
    }

    [Fact]
    public void AnAmbiguousNameReturnsEveryCandidate()
    {
        // Jawa Tengah has many a Sidomulyo; the kader must say which.
        var found = Regions.FindDesa(RegionCode.Parse("33"), "sidomulyo");
        Assert.True(found.Count > 1);
        Assert.Equal(found.Count, found.Select(f => f.Code).Distinct().Count());
    }

    [Fact]
    public void APrefixSharedByTwoDesaIsAmbiguous()
    {
        var jatipuro = RegionCode.Parse("33.13.01");
        var names = Regions.DesaIn(jatipuro).Select(Regions.NameOf).ToList();
        var shared = names.GroupBy(n => n[..3].ToLowerInvariant()).First(g => g.Count() > 1);
        Assert.Equal(shared.Count(), Regions.FindDesa(jatipuro, shared.Key).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("desa")]
    [InlineData("Xyzzyqwerty")]
    [InlineData("Lalung")]
    public void NothingCloseFindsNothing(string typed) =>
        Assert.Empty(Regions.FindDesa(RegionCode.Parse("33.13.01"), typed));

    [Fact]
    public void ASmallListLoadsWithBomQuotesAndBlankLines()
    {
        var text = "\uFEFFkode,nama\r\n33,Jawa Tengah\r\n33.13,Kabupaten Karanganyar\n\n33.13.01,\"Jati, \"\"puro\"\"\"\r\n";
        var regions = RegionDirectory.Load(new StringReader(text));
        Assert.Equal(3, regions.Count);
        Assert.Equal("Jati, \"puro\"", regions.NameOf(RegionCode.Parse("33.13.01")));
    }

    [Theory]
    [InlineData("kode,nama\n33,Jawa Tengah\n33,Jawa Tengah\n", "line 3")]
    [InlineData("kode,nama\n33.13,Kabupaten Karanganyar\n", "no parent")]
    [InlineData("kode,nama\n3x,Nowhere\n", "line 2")]
    [InlineData("kode,nama\n33,Jawa, Tengah\n", "line 2")]
    [InlineData("kode,nama\n33,\n", "line 2")]
    public void ABrokenListIsRefusedWithItsLine(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RegionDirectory.Load(new StringReader(text)));
        Assert.Contains(expected, error.Message);
    }
}
