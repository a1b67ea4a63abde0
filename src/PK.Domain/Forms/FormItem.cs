namespace PK.Domain.Forms;

/// <summary>One item of the form, with XLSForm semantics.</summary>
public sealed class FormItem
{
    public required string Id { get; init; }
    public required string Number { get; init; }
    public required QuestionType Type { get; init; }
    public required FormBlock Block { get; init; }
    /// <summary>Position in the whole form, for ordering.</summary>
    public required int Order { get; init; }
    public LocalizedText? Label { get; init; }
    public LocalizedText? Hint { get; init; }
    public string? ChoiceListName { get; init; }
    public IReadOnlyList<Choice>? Choices { get; init; }
    public bool Required { get; init; }
    public FormExpression? Relevant { get; init; }
    public int? NotRelevantValue { get; init; }
    /// <summary>When set, <see cref="NotRelevantValue"/> is filled only while this holds (otherwise the item is simply skipped).</summary>
    public FormExpression? FillWhen { get; init; }
    /// <summary>Rules the answer must satisfy, each with its own message; the first one broken is reported.</summary>
    public IReadOnlyList<FormConstraint> Constraints { get; init; } = [];
    public IntegerRange? Range { get; init; }
    public FormExpression? Default { get; init; }
    public FormExpression? Calculation { get; init; }

    public bool InRepeat => Block.IsRepeat;
    public bool IsQuestion => Type is not (QuestionType.Calculate or QuestionType.Note);

    /// <summary>Answered by a single word or number, so it can take part in a batch ("1 1 2 1").</summary>
    public bool TakesOneToken => Type is QuestionType.SelectOne or QuestionType.Integer or QuestionType.Decimal;

    /// <summary>The number shown in the summary: <c>III.23</c>, or <c>2.5</c> for member 2.</summary>
    public string DisplayNumber(int? member) => member is { } m ? $"{m}.{Number}" : $"{Block.Number}.{Number}";

    public string ChoiceLabel(int code) => Choices?.FirstOrDefault(c => c.Code == code)?.Label ?? code.ToString();

    public override string ToString() => $"{Id} ({Block.Number}.{Number})";
}
