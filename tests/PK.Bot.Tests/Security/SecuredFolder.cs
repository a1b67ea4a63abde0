using System.Text;
using Microsoft.Data.Sqlite;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Security;

/// <summary>A working folder for the real executable: a roster and a family recorded through <c>chat</c>, under a chosen key.</summary>
internal static class SecuredFolder
{
    public const string KaderName = "Sri Lestari Wulandari";
    public const string KaderPhone = "6281377712345";
    public const string KaderPhoneLocal = "081377712345";
    /// <summary>On the roster, never chats: <c>roster status</c> lists her by name (a decrypted column).</summary>
    public const string WaitingName = "Dewi Kartika Sari";
    public const string WaitingPhone = "6281377754321";
    public static readonly string OtherKey = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    public static string Database(TempFolder folder) => folder.File("data/pk-bot.db");

    /// <summary>Runs a verb with <paramref name="key"/> as Security:DataKey (empty: not set) and the environment given.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TempFolder folder, string? key, string input, params string[] args) =>
        BotProcess.RunAsync(folder.Path, input, [.. args, $"--Security:DataKey={key ?? ""}", "--environment=Development"]);

    /// <summary>The family of four's answers as the console chat takes them today (the last ones by number), ending in /kirim.</summary>
    public static IReadOnlyList<string> Family(string street = "Jl. Melati 5", string head = "Budi Santoso")
    {
        var lines = FamilyRecords.FamilyOfFour.Take(19).ToList();
        lines[1] = street;
        lines[5] = head;
        return [.. lines, "1", "1", "1", "1", "1", "1", "1", "/kirim"];
    }

    /// <summary>Imports the kader and records the family of four through the console chat.</summary>
    public static async Task SeedAsync(TempFolder folder, string? key, IReadOnlyList<string>? family = null)
    {
        var roster = folder.File("roster.csv");
        await File.WriteAllTextAsync(roster, $"nama,telepon,peran,kode_wilayah,target_keluarga\n{KaderName},{KaderPhoneLocal},kader,33.13.01.2001,\n{WaitingName},+{WaitingPhone},kader,33.13.01.2002,\n");
        var (exit, _, stderr) = await RunAsync(folder, key, "", "roster", "import", roster);
        Assert.True(exit == 0, stderr);
        (exit, var stdout, stderr) = await RunAsync(folder, key, string.Join("\n", family ?? Family()) + "\n", "chat", "--phone", KaderPhoneLocal);
        Assert.True(exit == 0, stderr);
        Assert.True(stdout.Contains("Keluarga tersimpan"), stdout);
    }

    /// <summary>The database file and its WAL, as bytes (what someone who copies the files sees).</summary>
    public static byte[] RawBytes(TempFolder folder) => RawBytesOf(Database(folder));

    public static byte[] RawBytesOf(string database)
    {
        SqliteConnection.ClearAllPools();
        var bytes = new List<byte>();
        foreach (var suffix in new[] { "", "-wal" })
            if (File.Exists(database + suffix))
            {
                using var file = new FileStream(database + suffix, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                file.CopyTo(copy);
                bytes.AddRange(copy.ToArray());
            }
        return [.. bytes];
    }

    public static bool Holds(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;

    /// <summary>Non-empty lines of a process's stderr.</summary>
    public static string[] Lines(string stderr) => stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
