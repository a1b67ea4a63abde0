namespace PK.Domain.Regions;

/// <summary>The 38 provinces by Kemendagri code, with the time zone each keeps.</summary>
public static class Provinces
{
    private static readonly Dictionary<string, (string Name, IndonesianTimeZone Zone)> All = new()
    {
        ["11"] = ("Aceh", IndonesianTimeZone.Wib),
        ["12"] = ("Sumatera Utara", IndonesianTimeZone.Wib),
        ["13"] = ("Sumatera Barat", IndonesianTimeZone.Wib),
        ["14"] = ("Riau", IndonesianTimeZone.Wib),
        ["15"] = ("Jambi", IndonesianTimeZone.Wib),
        ["16"] = ("Sumatera Selatan", IndonesianTimeZone.Wib),
        ["17"] = ("Bengkulu", IndonesianTimeZone.Wib),
        ["18"] = ("Lampung", IndonesianTimeZone.Wib),
        ["19"] = ("Kepulauan Bangka Belitung", IndonesianTimeZone.Wib),
        ["21"] = ("Kepulauan Riau", IndonesianTimeZone.Wib),
        ["31"] = ("DKI Jakarta", IndonesianTimeZone.Wib),
        ["32"] = ("Jawa Barat", IndonesianTimeZone.Wib),
        ["33"] = ("Jawa Tengah", IndonesianTimeZone.Wib),
        ["34"] = ("DI Yogyakarta", IndonesianTimeZone.Wib),
        ["35"] = ("Jawa Timur", IndonesianTimeZone.Wib),
        ["36"] = ("Banten", IndonesianTimeZone.Wib),
        ["51"] = ("Bali", IndonesianTimeZone.Wita),
        ["52"] = ("Nusa Tenggara Barat", IndonesianTimeZone.Wita),
        ["53"] = ("Nusa Tenggara Timur", IndonesianTimeZone.Wita),
        ["61"] = ("Kalimantan Barat", IndonesianTimeZone.Wib),
        ["62"] = ("Kalimantan Tengah", IndonesianTimeZone.Wib),
        ["63"] = ("Kalimantan Selatan", IndonesianTimeZone.Wita),
        ["64"] = ("Kalimantan Timur", IndonesianTimeZone.Wita),
        ["65"] = ("Kalimantan Utara", IndonesianTimeZone.Wita),
        ["71"] = ("Sulawesi Utara", IndonesianTimeZone.Wita),
        ["72"] = ("Sulawesi Tengah", IndonesianTimeZone.Wita),
        ["73"] = ("Sulawesi Selatan", IndonesianTimeZone.Wita),
        ["74"] = ("Sulawesi Tenggara", IndonesianTimeZone.Wita),
        ["75"] = ("Gorontalo", IndonesianTimeZone.Wita),
        ["76"] = ("Sulawesi Barat", IndonesianTimeZone.Wita),
        ["81"] = ("Maluku", IndonesianTimeZone.Wit),
        ["82"] = ("Maluku Utara", IndonesianTimeZone.Wit),
        ["91"] = ("Papua", IndonesianTimeZone.Wit),
        ["92"] = ("Papua Barat", IndonesianTimeZone.Wit),
        ["93"] = ("Papua Selatan", IndonesianTimeZone.Wit),
        ["94"] = ("Papua Tengah", IndonesianTimeZone.Wit),
        ["95"] = ("Papua Pegunungan", IndonesianTimeZone.Wit),
        ["96"] = ("Papua Barat Daya", IndonesianTimeZone.Wit),
    };

    public static bool IsKnown(string code) => All.ContainsKey(code);

    public static string NameOf(string code) => All[code].Name;

    public static IndonesianTimeZone TimeZoneOf(string code) => All[code].Zone;

    /// <summary>The fixed UTC offset of a zone; Indonesia keeps no daylight saving time.</summary>
    public static TimeSpan OffsetOf(IndonesianTimeZone zone) => zone switch
    {
        IndonesianTimeZone.Wib => TimeSpan.FromHours(7),
        IndonesianTimeZone.Wita => TimeSpan.FromHours(8),
        _ => TimeSpan.FromHours(9),
    };
}
