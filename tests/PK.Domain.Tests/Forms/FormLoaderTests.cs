using PK.Domain.Forms;

namespace PK.Domain.Tests.Forms;

/// <summary>A broken form is refused when it is loaded, with the item at fault named — never at a kader's 40th answer.</summary>
public class FormLoaderTests
{
    private static string Form(string items, string choices = """{ "yn": [ { "code": 1, "label": "Ya" }, { "code": 2, "label": "Tidak" } ] }""") => $$"""
        {
          "id": "t", "version": "1", "title": "Test",
          "settings": { "batas": 10 },
          "choices": {{choices}},
          "blocks": [
            { "id": "keluarga", "number": "K", "items": [
              { "id": "jumlah", "number": "1", "type": "integer", "label": "Jumlah", "range": [1, 9] },
              { "id": "punya", "number": "2", "type": "select_one", "choices": "yn", "label": "Punya?" }
            ] },
            { "id": "anggota", "number": "I", "repeat": { "count": "${jumlah}" }, "items": [ {{items}} ] }
          ]
        }
        """;

    private static string Refusal(string json) => Assert.Throws<FormLoadException>(() => FormLoader.Load(json)).Message;

    [Fact]
    public void AWellFormedFormLoads()
    {
        var form = FormLoader.Load(Form("""{ "id": "nama", "number": "2", "type": "name", "label": "Nama", "relevant": "${punya} = 1 and ${jumlah} <= setting('batas')" }"""));
        Assert.Equal(3, form.Items.Count);
        Assert.True(form.Item("nama").InRepeat);
    }

    [Fact]
    public void AnUnknownFieldInAnExpressionIsRefusedNamingTheItem()
    {
        var message = Refusal(Form("""{ "id": "nama", "number": "2", "type": "name", "label": "Nama", "relevant": "${punyaa} = 1" }"""));
        Assert.Contains("item 'nama'", message);
        Assert.Contains("punyaa", message);
    }

    [Theory]
    [InlineData("${punya} = = 1")]
    [InlineData("(${punya} = 1")]
    [InlineData("${punya = 1")]
    [InlineData("terbang(${punya})")]
    [InlineData("punya = 1")]
    [InlineData("'tidak ditutup")]
    public void ASyntaxErrorIsRefusedNamingTheItem(string expression)
    {
        var message = Refusal(Form($$"""{ "id": "nama", "number": "2", "type": "name", "label": "Nama", "relevant": "{{expression}}" }"""));
        Assert.Contains("item 'nama'", message);
    }

    [Fact]
    public void ADuplicateIdIsRefused()
    {
        var message = Refusal(Form("""{ "id": "punya", "number": "2", "type": "name", "label": "Nama" }"""));
        Assert.Contains("item 'punya'", message);
        Assert.Contains("twice", message);
    }

    [Fact]
    public void AChoiceListThatDoesNotExistIsRefused()
    {
        var message = Refusal(Form("""{ "id": "agama", "number": "2", "type": "select_one", "choices": "agama", "label": "Agama" }"""));
        Assert.Contains("item 'agama'", message);
        Assert.Contains("'agama' does not exist", message);
    }

    [Fact]
    public void AConstraintWithoutAMessageIsRefused()
    {
        var message = Refusal(Form("""{ "id": "umur", "number": "2", "type": "integer", "label": "Umur", "constraint": ". > 0" }"""));
        Assert.Contains("item 'umur'", message);
    }

    [Fact]
    public void AMemberFieldUsedOutsideTheRepeatMustBeAggregated()
    {
        var json = Form("""{ "id": "umur", "number": "2", "type": "integer", "label": "Umur" }""")
            .Replace("\"label\": \"Punya?\" }", "\"label\": \"Punya?\", \"relevant\": \"${umur} > 5\" }");
        Assert.Contains("item 'punya'", Refusal(json));
        FormLoader.Load(json.Replace("${umur} > 5", "max(${umur}) > 5"));
    }

    [Fact]
    public void AnUnknownSettingIsRefused()
    {
        var message = Refusal(Form("""{ "id": "nama", "number": "2", "type": "name", "label": "Nama", "relevant": "${jumlah} < setting('tidak_ada')" }"""));
        Assert.Contains("tidak_ada", message);
    }

    [Fact]
    public void AnUnknownTypeIsRefused() =>
        Assert.Contains("unknown type 'barcode'", Refusal(Form("""{ "id": "kode", "number": "2", "type": "barcode", "label": "Kode" }""")));

    [Fact]
    public void BrokenJsonIsRefusedWithoutACrash() =>
        Assert.Contains("not valid JSON", Refusal("{ \"id\": "));
}
