namespace PK.Domain.Forms;

/// <summary>Question types: XLSForm's, plus the census' own (nik, phone, name, birth_date, month_year).</summary>
public enum QuestionType
{
    Integer,
    Decimal,
    Text,
    Name,
    Date,
    /// <summary>A date, or month and year when the day is not known.</summary>
    BirthDate,
    MonthYear,
    SelectOne,
    SelectMultiple,
    Nik,
    Phone,
    Calculate,
    Note,
}

/// <summary>One option of a choice list: its official code and its label.</summary>
public sealed record Choice(int Code, string Label, IReadOnlyList<string>? Synonyms = null);

/// <summary>An inclusive integer range for number questions.</summary>
public sealed record IntegerRange(long Min, long Max);

/// <summary>What a parser needs beyond the text: the interview's date (for two-digit years and future dates).</summary>
public sealed record ParseContext(DateOnly InterviewDate);

/// <summary>Text by language; <c>id</c> (Bahasa Indonesia) is always present.</summary>
public sealed record LocalizedText(IReadOnlyDictionary<string, string> ByLanguage)
{
    public string Indonesian => ByLanguage["id"];
    public override string ToString() => Indonesian;
}

/// <summary>One rule of an item (XLSForm's constraint and constraint_message).</summary>
public sealed record FormConstraint(FormExpression Expression, LocalizedText Message);

/// <summary>A block of the form: the family header, Blok I (repeated per member), Blok II, Blok III.</summary>
public sealed class FormBlock
{
    public required string Id { get; init; }
    public required string Number { get; init; }
    public required LocalizedText Title { get; init; }
    public FormExpression? Relevant { get; init; }
    /// <summary>When set, the block is asked once per family member; the expression gives how many.</summary>
    public FormExpression? RepeatCount { get; init; }
    public LocalizedText? RepeatLabel { get; init; }
    public List<FormItem> Items { get; } = [];
    public bool IsRepeat => RepeatCount is not null;
}

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

/// <summary>
/// The items that identify a family on the ground, as the form declares them: RW, RT, No. Rumah and No. Urut make
/// the natural key (with the desa), and the first member's NIK is the KK's. Duplicates are found by either.
/// </summary>
public sealed record FamilyKeyItems(string Rw, string Rt, string House, string Order, string KkNik)
{
    /// <summary>The natural key's items, in the order the key is written.</summary>
    public IReadOnlyList<string> NaturalKey => [Rw, Rt, House, Order];
}

/// <summary>A loaded, checked form.</summary>
public sealed class FormDefinition
{
    public required string Id { get; init; }
    public required string Version { get; init; }
    public required LocalizedText Title { get; init; }
    public required IReadOnlyDictionary<string, object> Settings { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<Choice>> ChoiceLists { get; init; }
    public required IReadOnlyList<FormBlock> Blocks { get; init; }
    public required IReadOnlyList<FormItem> Items { get; init; }
    public required IReadOnlyDictionary<string, FormItem> ItemsById { get; init; }
    /// <summary>The items that identify a family, when the form declares them (<c>family_key</c>).</summary>
    public FamilyKeyItems? FamilyKey { get; init; }

    public FormItem Item(string id) => ItemsById[id];

    public FormBlock? RepeatBlock => Blocks.FirstOrDefault(b => b.IsRepeat);
}
