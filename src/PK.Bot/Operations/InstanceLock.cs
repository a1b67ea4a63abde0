using System.Diagnostics;
using System.Globalization;

namespace PK.Bot.Operations;

/// <summary>
/// One serving bot per database: an exclusive OS lock on <c>&lt;database&gt;.lock</c> beside the database file, held
/// for the life of the process (the OS drops it when the process dies, even by SIGKILL), and the holder's process id
/// in <c>&lt;database&gt;.pid</c> so a refused start can name it. Verbs that only read never take it.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    private readonly FileStream stream;
    private readonly string pidPath;

    private InstanceLock(FileStream stream, string pidPath)
    {
        this.stream = stream;
        this.pidPath = pidPath;
    }

    public static string LockPath(string databasePath) => databasePath + ".lock";

    public static string PidPath(string databasePath) => databasePath + ".pid";

    /// <summary>Takes the lock, or returns null and who holds it.</summary>
    public static InstanceLock? TryAcquire(string databasePath, out string holder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive flock on Unix and a sharing lock on Windows; both die with the process.
            stream = new FileStream(LockPath(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            holder = DescribeHolder(databasePath);
            return null;
        }
        var pidPath = PidPath(databasePath);
        using var process = Process.GetCurrentProcess();
        File.WriteAllText(pidPath, string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessId} {Environment.MachineName} {process.StartTime.ToUniversalTime():O}\n"));
        holder = "";
        return new InstanceLock(stream, pidPath);
    }

    /// <summary>"process 1234 on host (since …)" from the pid file, as far as it can be read.</summary>
    public static string DescribeHolder(string databasePath)
    {
        try
        {
            var parts = File.ReadAllText(PidPath(databasePath)).Trim().Split(' ');
            if (parts.Length >= 3) return $"process {parts[0]} on {parts[1]} (since {parts[2]})";
            if (parts.Length >= 1 && parts[0].Length > 0) return $"process {parts[0]}";
        }
        catch (IOException)
        {
        }
        return "another process (its id could not be read)";
    }

    public void Dispose()
    {
        try { File.Delete(pidPath); }
        catch (IOException) { }
        stream.Dispose();
    }
}
