using System.Globalization;
using System.Text.Json.Serialization;

namespace PK.Domain.Answers;

public sealed record MultiChoiceAnswer : AnswerValue
{
    [JsonConstructor]
    public MultiChoiceAnswer(IReadOnlyList<int> codes) => Codes = codes.Distinct().Order().ToArray();

    public MultiChoiceAnswer(IEnumerable<int> codes) : this(codes.ToArray()) { }

    public IReadOnlyList<int> Codes { get; }
    [JsonIgnore] public override object ExpressionValue => Codes.Select(c => (long)c).ToArray();
    [JsonIgnore] public override object RecordValue => Codes;
    public bool Equals(MultiChoiceAnswer? other) => other is not null && Codes.SequenceEqual(other.Codes);
    public override int GetHashCode() => Codes.Aggregate(17, (h, c) => h * 31 + c);
    public override string ToString() => string.Join(",", Codes);
}
