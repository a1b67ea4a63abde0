namespace PK.Domain.Forms;

/// <summary>One option of a choice list: its official code and its label.</summary>
public sealed record Choice(int Code, string Label, IReadOnlyList<string>? Synonyms = null);
