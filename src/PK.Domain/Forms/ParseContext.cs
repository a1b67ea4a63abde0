namespace PK.Domain.Forms;

/// <summary>What a parser needs beyond the text: the interview's date (for two-digit years and future dates).</summary>
public sealed record ParseContext(DateOnly InterviewDate);
