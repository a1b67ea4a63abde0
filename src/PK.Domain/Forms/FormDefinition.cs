namespace PK.Domain.Forms;

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
