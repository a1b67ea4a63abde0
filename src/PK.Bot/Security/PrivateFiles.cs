using System.Runtime.InteropServices;

namespace PK.Bot.Security;

/// <summary>
/// Files that hold answers (databases, backups, exports, charts) are readable by the bot's user alone (0600), folders
/// the bot creates 0700. The process umask covers files made by SQLite and libraries; the helpers here also set the mode
/// when the umask cannot be relied on (a host started inside another process) or the file already existed.
/// </summary>
public static partial class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>New files and folders of this process get no group or other permissions (umask 077).</summary>
    public static void RestrictProcessUmask()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()) umask(0b000_111_111);
    }

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint umask(uint mask);

    public static void CreateDirectory(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>A new (or truncated) file, mode 0600 from its first byte.</summary>
    public static FileStream Create(string path, FileMode mode = System.IO.FileMode.Create, FileAccess access = FileAccess.Write, FileOptions options = FileOptions.None)
    {
        var streamOptions = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None, BufferSize = 1 << 16, Options = options };
        if (!OperatingSystem.IsWindows()) streamOptions.UnixCreateMode = FileMode;
        var stream = new FileStream(path, streamOptions);
        Restrict(path); // a file that existed keeps its old mode otherwise
        return stream;
    }

    public static void WriteAllText(string path, string text)
    {
        using var stream = Create(path);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    /// <summary>Takes group and other permissions away from an existing file.</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path)) return;
        if ((File.GetUnixFileMode(path) & ~FileMode) != 0) File.SetUnixFileMode(path, FileMode);
    }

    /// <summary>A SQLite database file and its -wal/-shm/-journal companions (SQLite gives them the database file's mode).</summary>
    public static void RestrictDatabase(string databasePath)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) Restrict(databasePath + suffix);
    }

    /// <summary>Creates an empty database file 0600 before SQLite does, so SQLite's companions follow its mode.</summary>
    public static void PrepareDatabase(string databasePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (folder is not null) CreateDirectory(folder);
        if (!File.Exists(databasePath)) Create(databasePath, System.IO.FileMode.OpenOrCreate).Dispose();
        RestrictDatabase(databasePath);
    }
}
