namespace PK.Bot.Tests.Support;

/// <summary>The first answers of one family, as a kader types them.</summary>
public static class Script
{
    public static IReadOnlyList<string> Family(int houseNumber = 12, string street = "Jl. Melati 5", string head = "Budi Santoso", string nik = "3313011507800001") =>
    [
        "/mulai",
        street,
        "/lewati",
        "3",
        "2",
        houseNumber.ToString(),
        "1",
        "3",
        head,
        nik,
        "ok",
        "15 Juli 1980",
        "1",
        "1",
    ];
}
