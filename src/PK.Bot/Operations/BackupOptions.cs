namespace PK.Bot.Operations;

/// <summary>Daily copies of the bot database (<c>Backup</c> section).</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Local time of day of the daily copy (<c>02:30</c>); empty = no daily copy.</summary>
    public TimeOnly? Daily { get; set; }

    /// <summary>How many daily copies are kept; older ones are deleted after a new one is written.</summary>
    public int Keep { get; set; } = 7;

    /// <summary>Where the copies go; empty = <c>backups/</c> beside the database. Best on another disk.</summary>
    public string? Folder { get; set; }
}
