namespace PK.Domain.Regions;

/// <summary>
/// Every Kemendagri region and its name, read from <c>data/wilayah.csv</c> (<c>kode,nama</c>).
/// Immutable once loaded, so one instance may be shared by every conversation.
/// </summary>
public sealed class RegionDirectory
{
    private readonly Dictionary<string, string> _names;

    // Dotted codes in ordinal order: a region's descendants are one contiguous run after it.
    private readonly string[] _sorted;

    private RegionDirectory(Dictionary<string, string> names)
    {
        _names = names;
        _sorted = [.. names.Keys];
        Array.Sort(_sorted, StringComparer.Ordinal);
    }

    public int Count => _names.Count;

    /// <summary>Reads the CSV; a malformed, duplicated or orphaned row throws <see cref="FormatException"/> naming its line.</summary>
    public static RegionDirectory Load(TextReader reader)
    {
        var names = new Dictionary<string, string>(100_000, StringComparer.Ordinal);
        var fields = new List<string>(2);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (number == 1) line = line.TrimStart('\uFEFF');
            if (line.Length == 0) continue;
            if (!Split(line, fields))
                throw new FormatException($"Region list line {number}: expected two fields 'kode,nama'.");
            if (number == 1 && fields[0].Trim().Equals("kode", StringComparison.OrdinalIgnoreCase)) continue;
            if (!RegionCode.TryParse(fields[0], out var code))
                throw new FormatException($"Region list line {number}: '{fields[0]}' is not a region code.");
            var name = fields[1].Trim();
            if (name.Length == 0) throw new FormatException($"Region list line {number}: the name is empty.");
            if (!names.TryAdd(code.Dotted, name))
                throw new FormatException($"Region list line {number}: {code} appears twice.");
        }
        var bySpan = names.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var dotted in names.Keys)
        {
            var dot = dotted.LastIndexOf('.');
            if (dot > 0 && !bySpan.ContainsKey(dotted.AsSpan(0, dot)))
                throw new FormatException($"Region list: {dotted} has no parent {dotted[..dot]}.");
        }
        names.TrimExcess();
        return new RegionDirectory(names);
    }

    // Only two names in the 2025 list are quoted (they hold commas); the rest take the quick path.
    private static bool Split(string line, List<string> fields)
    {
        if (line.Contains('"')) return Csv.TrySplit(line, ',', fields) && fields.Count == 2;
        var comma = line.IndexOf(',');
        if (comma < 0 || line.IndexOf(',', comma + 1) >= 0) return false;
        fields.Clear();
        fields.Add(line[..comma]);
        fields.Add(line[(comma + 1)..]);
        return true;
    }

    public bool Exists(RegionCode code) => _names.ContainsKey(code.Dotted);

    /// <summary>The region's own name, e.g. <c>Ngepungsari</c>.</summary>
    public string NameOf(RegionCode code) =>
        _names.TryGetValue(code.Dotted, out var name) ? name : throw new KeyNotFoundException($"No region {code}.");

    /// <summary>
    /// The name with its kecamatan and kabupaten, e.g. <c>Ngepungsari, Jatipuro, Kabupaten Karanganyar</c>.
    /// The province is left out below province level: kabupaten names already say where they are.
    /// </summary>
    public string FullNameOf(RegionCode code)
    {
        var names = new List<string> { NameOf(code) };
        for (var up = code.Parent; up is { } parent && parent.Level != RegionLevel.Provinsi; up = parent.Parent)
            names.Add(NameOf(parent));
        return string.Join(", ", names);
    }

    /// <summary>The regions one level down, in code order; empty for a desa.</summary>
    public IReadOnlyList<RegionCode> ChildrenOf(RegionCode code) => Below(code, code.Level + 1);

    /// <summary>Every desa/kelurahan inside <paramref name="area"/> (itself, if it is one), in code order.</summary>
    public IReadOnlyList<RegionCode> DesaIn(RegionCode area) =>
        area.Level == RegionLevel.Desa ? (Exists(area) ? [area] : []) : Below(area, RegionLevel.Desa);

    /// <summary>
    /// The desa/kelurahan in <paramref name="area"/> a kader most likely meant by <paramref name="typedName"/>:
    /// exact name first, then names it begins, then names within a small typo. Several when ambiguous,
    /// none when nothing is close. Case, spacing and a "desa"/"kelurahan"/"kel." prefix are ignored.
    /// </summary>
    public IReadOnlyList<(RegionCode Code, string Name)> FindDesa(RegionCode area, string typedName)
    {
        var typed = DesaNames.Normalise(typedName);
        if (typed.Length == 0) return [];
        var candidates = DesaIn(area).Select(c => (Code: c, Name: NameOf(c), Key: DesaNames.Normalise(NameOf(c)))).ToList();

        var exact = candidates.Where(c => c.Key == typed).ToList();
        if (exact.Count > 0) return Strip(exact);

        var prefixed = candidates.Where(c => c.Key.StartsWith(typed, StringComparison.Ordinal)).ToList();
        if (prefixed.Count > 0) return Strip(prefixed);

        var allowed = DesaNames.AllowedTypos(typed);
        var near = candidates
            .Select(c => (Candidate: c, Distance: DesaNames.Distance(typed, c.Key, allowed)))
            .Where(x => x.Distance <= allowed)
            .ToList();
        if (near.Count == 0) return [];
        var best = near.Min(x => x.Distance);
        return Strip(near.Where(x => x.Distance == best).Select(x => x.Candidate).ToList());

        static IReadOnlyList<(RegionCode, string)> Strip(List<(RegionCode Code, string Name, string Key)> found) =>
            found.Select(f => (f.Code, f.Name)).ToList();
    }

    private List<RegionCode> Below(RegionCode area, RegionLevel level)
    {
        var found = new List<RegionCode>();
        var prefix = area.Dotted + ".";
        var i = Array.BinarySearch(_sorted, prefix, StringComparer.Ordinal);
        if (i < 0) i = ~i;
        for (; i < _sorted.Length && _sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            var code = RegionCode.Parse(_sorted[i]);
            if (code.Level == level) found.Add(code);
        }
        return found;
    }
}
