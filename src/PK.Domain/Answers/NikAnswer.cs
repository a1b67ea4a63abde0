using System.Globalization;
using System.Text.Json.Serialization;

namespace PK.Domain.Answers;

/// <summary>A member's NIK, or <c>null</c> when the member has none yet ("belum ada").</summary>
public sealed record NikAnswer(string? Nik) : AnswerValue
{
    [JsonIgnore] public override object ExpressionValue => Nik ?? "";
    [JsonIgnore] public override object RecordValue => Nik ?? "";

    /// <summary>Masked for chat and logs: <c>3313********0002</c>.</summary>
    [JsonIgnore]
    public string Masked => Nik is null ? Texts.NikNone : Nik[..4] + new string('*', 8) + Nik[^4..];
    public override string ToString() => Masked;
}
