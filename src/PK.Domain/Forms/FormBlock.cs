namespace PK.Domain.Forms;

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
