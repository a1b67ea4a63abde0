namespace PK.Domain.Forms;

/// <summary>An inclusive integer range for number questions.</summary>
public sealed record IntegerRange(long Min, long Max);
