using System.Globalization;
using System.Text;
using PK.Domain.Forms;

namespace PK.Domain.Answers;

/// <summary>What one typed item resolved to; <see cref="Codes"/> holds one code when found, the candidates when ambiguous.</summary>
internal readonly record struct ChoiceMatch(MatchKind Kind, IReadOnlyList<int> Codes)
{
    public static readonly ChoiceMatch NotFound = new(MatchKind.NotFound, []);
    public static readonly ChoiceMatch NumberNotInList = new(MatchKind.NumberNotInList, []);

    public static ChoiceMatch From(IReadOnlyCollection<int> codes) => codes.Count switch
    {
        0 => NotFound,
        1 => new(MatchKind.Found, codes.ToArray()),
        _ => new(MatchKind.Ambiguous, codes.Order().ToArray()),
    };
}
