using System.Globalization;
using PK.Domain.Interviews;

namespace PK.Domain.Indicators;

/// <summary>One reason a family is judged at risk of stunting, with the facts behind it (no personal data).</summary>
public sealed record RiskReason(string Code, string Explanation);
