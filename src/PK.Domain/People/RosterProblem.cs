using PK.Domain.Regions;

namespace PK.Domain.People;

/// <summary>
/// Why one line of an imported file was refused, in Bahasa Indonesia for the admin. It names the
/// column but never repeats a name or a whole phone number.
/// </summary>
public sealed record RosterProblem(int LineNumber, string Reason);
