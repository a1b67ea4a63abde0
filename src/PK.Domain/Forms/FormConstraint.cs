namespace PK.Domain.Forms;

/// <summary>One rule of an item (XLSForm's constraint and constraint_message).</summary>
public sealed record FormConstraint(FormExpression Expression, LocalizedText Message);
