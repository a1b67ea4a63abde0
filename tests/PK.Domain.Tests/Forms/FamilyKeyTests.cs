using PK.Domain.Forms;
using PK.Domain.Tests.Interviews;

namespace PK.Domain.Tests.Forms;

/// <summary>The items that identify a family are declared in the form file, not written in code.</summary>
public class FamilyKeyTests
{
    private static string Form(string familyKey) => $$"""
        {
          "id": "t", "version": "1", "title": "Test", "settings": {}, "choices": {},
          {{familyKey}}
          "blocks": [
            { "id": "keluarga", "number": "K", "items": [
              { "id": "dusun", "number": "1", "type": "text", "label": "Dusun" },
              { "id": "rukun", "number": "2", "type": "integer", "label": "RT" },
              { "id": "rumah", "number": "3", "type": "integer", "label": "Rumah" },
              { "id": "urut", "number": "4", "type": "integer", "label": "Urut" },
              { "id": "jumlah", "number": "5", "type": "integer", "label": "Jumlah", "range": [1, 9] }
            ] },
            { "id": "anggota", "number": "I", "repeat": { "count": "${jumlah}" }, "items": [
              { "id": "nama", "number": "1", "type": "name", "label": "Nama" },
              { "id": "no_induk", "number": "2", "type": "nik", "label": "NIK" }
            ] }
          ]
        }
        """;

    [Fact]
    public void Pk21DeclaresItsNaturalKeyAndKkNik()
    {
        var keys = FormLoader.Pk21.FamilyKey!;
        Assert.Equal(["rw", "rt", "no_rumah", "no_urut"], keys.NaturalKey);
        Assert.Equal("nik", keys.KkNik);
    }

    [Fact]
    public void TheKeyIsReadFromTheItemsTheFormNames()
    {
        var form = FormLoader.Load(Form("""
            "family_key": { "rw": "dusun", "rt": "rukun", "house": "rumah", "order": "urut", "kk_nik": "no_induk" },
            """));
        Assert.Equal(["dusun", "rukun", "rumah", "urut"], form.FamilyKey!.NaturalKey);
        Assert.Equal("no_induk", form.FamilyKey.KkNik);
        Assert.Null(FormLoader.Load(Form("")).FamilyKey);
    }

    [Theory]
    [InlineData("""{ "rw": "dusunx", "rt": "rukun", "house": "rumah", "order": "urut", "kk_nik": "no_induk" }""", "unknown item 'dusunx'")]
    [InlineData("""{ "rw": "dusun", "rt": "rukun", "house": "rumah", "order": "urut", "kk_nik": "nama" }""", "must be of type nik")]
    [InlineData("""{ "rw": "dusun", "rt": "rukun", "house": "rumah", "order": "urut", "kk_nik": "rumah" }""", "must be a member item")]
    [InlineData("""{ "rw": "nama", "rt": "rukun", "house": "rumah", "order": "urut", "kk_nik": "no_induk" }""", "must not be a member item")]
    [InlineData("""{ "rw": "dusun", "rt": "rukun", "house": "rumah", "kk_nik": "no_induk" }""", "order")]
    public void AKeyNamingAWrongItemIsRefusedWhenTheFormLoads(string familyKey, string expected)
    {
        var error = Assert.Throws<FormLoadException>(() => FormLoader.Load(Form($"\"family_key\": {familyKey},")));
        Assert.Contains("family_key", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void TheFamilyKeyIsWrittenFromTheDeclaredItems()
    {
        var chat = FamilyShapesTests.Header(1);
        Assert.Equal("33.13.01.2001|4|1|15|1", chat.Active!.FamilyKey);
    }
}
