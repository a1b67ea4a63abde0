namespace PK.Domain.Forms;

/// <summary>Text by language; <c>id</c> (Bahasa Indonesia) is always present.</summary>
public sealed record LocalizedText(IReadOnlyDictionary<string, string> ByLanguage)
{
    public string Indonesian => ByLanguage["id"];
    public override string ToString() => Indonesian;
}
