namespace PK.Domain.Regions;

/// <summary>
/// A syntactically valid Kemendagri region code in a known province: <c>33</c>, <c>33.13</c>,
/// <c>33.13.01</c> or <c>33.13.01.2001</c>. Whether the region exists is
/// <see cref="RegionDirectory"/>'s question.
/// </summary>
public readonly record struct RegionCode
{
    private readonly string? _dotted;

    private RegionCode(string dotted) => _dotted = dotted;

    /// <summary>The canonical form, e.g. <c>33.13.01.2001</c>.</summary>
    public string Dotted => _dotted ?? throw new InvalidOperationException("An uninitialised RegionCode has no value.");

    /// <summary>Digits only, e.g. <c>3313012001</c>.</summary>
    public string Plain => Dotted.Replace(".", "");

    public RegionLevel Level => Dotted.Length switch
    {
        2 => RegionLevel.Provinsi,
        5 => RegionLevel.Kabupaten,
        8 => RegionLevel.Kecamatan,
        _ => RegionLevel.Desa,
    };

    public string ProvinceCode => Dotted[..2];

    public IndonesianTimeZone TimeZone => Provinces.TimeZoneOf(ProvinceCode);

    /// <summary>The region one level up; none for a province.</summary>
    public RegionCode? Parent => Level == RegionLevel.Provinsi ? null : new RegionCode(Dotted[..Dotted.LastIndexOf('.')]);

    /// <summary>True for this region itself and every region inside it.</summary>
    public bool Contains(RegionCode other) =>
        other.Dotted.Length >= Dotted.Length
        && other.Dotted.StartsWith(Dotted, StringComparison.Ordinal)
        && (other.Dotted.Length == Dotted.Length || other.Dotted[Dotted.Length] == '.');

    public override string ToString() => _dotted ?? "";

    /// <summary>Accepts dotted (<c>33.13.01.2001</c>) or plain (<c>3313012001</c>, <c>3313</c>) codes, trimmed.</summary>
    public static bool TryParse(string? text, out RegionCode code)
    {
        code = default;
        if (text is null) return false;
        var trimmed = text.Trim();
        var dotted = trimmed.Contains('.') ? CheckDotted(trimmed) : DotPlain(trimmed);
        if (dotted is null || !Provinces.IsKnown(dotted[..2])) return false;
        code = new RegionCode(dotted);
        return true;
    }

    public static RegionCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"Not a Kemendagri region code: '{text}'.");

    // Where each level's part starts and ends in the dotted form "PP.KK.CC.NNNN".
    private static readonly (int Start, int Length)[] Parts = [(0, 2), (3, 2), (6, 2), (9, 4)];

    // Checked in place, without splitting: the region list parses 91,600 of these at start-up.
    private static string? CheckDotted(string text)
    {
        if (text.Length is not (2 or 5 or 8 or 13)) return null;
        foreach (var (start, length) in Parts)
        {
            if (start >= text.Length) break;
            if (start > 0 && text[start - 1] != '.') return null;
            if (!IsPart(text.AsSpan(start, length))) return null;
        }
        return text;
    }

    private static string? DotPlain(string text)
    {
        if (text.Length is not (2 or 4 or 6 or 10)) return null;
        var dotted = text.Length switch { 2 => 2, 4 => 5, 6 => 8, _ => 13 };
        var result = string.Create(dotted, text, static (span, plain) =>
        {
            for (int i = 0, j = 0; i < plain.Length; i++)
            {
                if (i is 2 or 4 or 6) span[j++] = '.';
                span[j++] = plain[i];
            }
        });
        return CheckDotted(result);
    }

    // No Kemendagri code has an all-zero part ("00", "0000").
    private static bool IsPart(ReadOnlySpan<char> part) =>
        !part.ContainsAnyExceptInRange('0', '9') && part.ContainsAnyExcept('0');
}
