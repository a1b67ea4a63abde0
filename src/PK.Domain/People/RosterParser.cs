using PK.Domain.Regions;

namespace PK.Domain.People;

/// <summary>
/// Reads the roster CSV the admin imports (<c>nama,telepon,peran,kode_wilayah,target_keluarga</c>,
/// the column names the README's roster section promises). Pure: the caller reads the file and imports nothing
/// unless <see cref="RosterParseResult.IsImportable"/>.
/// </summary>
public static class RosterParser
{
    private const string Name = "nama";
    private const string Phone = "telepon";
    private const string RoleColumn = "peran";

    public static RosterParseResult Parse(string csvText, RegionDirectory regions)
    {
        var problems = new List<RosterProblem>();
        var entries = new List<RosterEntry>();
        var firstLineOfPhone = new Dictionary<PhoneNumber, int>();
        var rows = ImportTable.Read(csvText, [Name, Phone, RoleColumn, ImportValues.Code], [ImportValues.Target], problems);
        foreach (var row in rows)
        {
            var before = problems.Count;
            var name = row[Name];
            if (name.Length == 0) problems.Add(new(row.LineNumber, Texts.ImportValueMissing(Name)));

            var phone = ParsePhone(row, problems);
            if (phone is { } p && !firstLineOfPhone.TryAdd(p, row.LineNumber))
                problems.Add(new(row.LineNumber, Texts.RosterPhoneRepeated(p.Masked, firstLineOfPhone[p])));

            var roleKnown = TryParseRole(row[RoleColumn], out var role);
            if (!roleKnown)
                problems.Add(new(row.LineNumber, row[RoleColumn].Length == 0 ? Texts.ImportValueMissing(RoleColumn) : Texts.RosterRoleUnknown));

            var region = ImportValues.ParseRegion(row, regions, problems);
            // A kader records families in a desa, kecamatan or kabupaten; a province is a koordinator's or admin's reach.
            if (role == Role.Kader && region is { Level: RegionLevel.Provinsi })
                problems.Add(new(row.LineNumber, Texts.RosterKaderAtProvince));

            ImportValues.TryParseTarget(row, problems, out var target);

            if (problems.Count == before)
                entries.Add(new RosterEntry(name, phone!.Value, role, region!.Value, target, row.LineNumber));
        }
        return new RosterParseResult(entries, problems);
    }

    private static PhoneNumber? ParsePhone(ImportRow row, List<RosterProblem> problems)
    {
        var text = row[Phone];
        if (text.Length == 0) problems.Add(new(row.LineNumber, Texts.ImportValueMissing(Phone)));
        else if (PhoneNumber.TryParse(text, out var phone)) return phone;
        else problems.Add(new(row.LineNumber, Texts.RosterPhoneInvalid));
        return null;
    }

    /// <summary><c>nonaktif</c> is known and gives no role.</summary>
    private static bool TryParseRole(string text, out Role? role)
    {
        role = text.ToLowerInvariant() switch
        {
            "kader" => Role.Kader,
            "koordinator" => Role.Koordinator,
            "admin" => Role.Admin,
            _ => null,
        };
        return role is not null || text.Equals("nonaktif", StringComparison.OrdinalIgnoreCase);
    }
}
