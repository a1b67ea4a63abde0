namespace PK.Load;

/// <summary>
/// The family of four (husband 45, wife 38, daughter 15, son 3) typed one answer per message: 110 inputs from
/// <c>/mulai</c> to <c>/kirim</c>. Each family number gets its own address and NIKs, so no two families of a run
/// (up to 279,972 of them) meet the duplicate checks.
/// </summary>
public static class FamilyScript
{
    public const int Unique = 28 * 9_999;

    private static readonly string[] Template = [.. Inputs(0)];

    /// <summary>How many inputs a family takes.</summary>
    public static int Count => Template.Length;

    /// <summary>One input of a family, without keeping the family's whole list (10,000 kader at once hold one string each).</summary>
    public static string Input(int family, int index) => index switch
    {
        1 or 3 or 4 or 5 or 9 or 22 or 35 or 48 => Inputs(family)[index],
        _ => Template[index],
    };

    public static IReadOnlyList<string> Inputs(int family)
    {
        if (family < 0 || family >= Unique) throw new ArgumentOutOfRangeException(nameof(family), $"at most {Unique} families per run");
        var serial = family % 9_999 + 1;
        var day = family / 9_999 + 1;
        var rw = family % 20 + 1;
        var rt = family / 20 % 20 + 1;
        var house = family / 400 + 1;
        string Nik(int dayOfBirth, string monthYear) => $"331301{dayOfBirth:D2}{monthYear}{serial:D4}";
        var inputs = new List<string> { "/mulai", $"Jl. Melati {house}", "/lewati", rw.ToString(), rt.ToString(), house.ToString(), "1", "4" };
        void Member(string name, string nik, string answers)
        {
            inputs.Add(name);
            inputs.Add(nik);
            inputs.AddRange(answers.Split(' '));
        }
        Member("Budi Santoso", Nik(day, "0875"), "ok ok 2 25 1 ok 1 2 8 1 1");
        Member("Siti Aminah", Nik(day + 40, "1182"), "ok ok 2 20 1 ok 1 1 8 1 1");
        Member("Rina", Nik(day + 40, "0605"), "ok ok 1 1 3 2 1 1 7 1 1");
        Member("Andi", Nik(day, "1217"), "ok ok 1 1 3 2 1 1 1 1 1");
        inputs.AddRange("2 1 1 1 1 2 2 3 1 3/2018 5 6 1 1 1".Split(' '));
        inputs.AddRange("1 1 2 1 1 2 2 1 1 1 1 1 1 2 2 2 2 2 2 2 2 1 2 1 3 1 72 4 1 1 1".Split(' '));
        inputs.AddRange(["2,3", "1", "2,9", "/kirim"]);
        return inputs;
    }
}
