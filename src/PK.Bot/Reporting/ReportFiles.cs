using PK.Bot.Persistence;

namespace PK.Bot.Reporting;

/// <summary>Where charts and exports sent to chats are written: <c>files/</c> beside the bot database, so they live as long as the queue.</summary>
public sealed class ReportFiles(BotDatabase database)
{
    public string Folder { get; } = Path.Combine(database.Directory, "files");

    public string PathFor(string fileName)
    {
        Security.PrivateFiles.CreateDirectory(Folder);
        return Path.Combine(Folder, fileName);
    }

    /// <summary>Writes the bytes and flushes them to disk before the message that names them is committed.</summary>
    public async Task<string> WriteAsync(string fileName, byte[] content, CancellationToken cancellationToken)
    {
        var path = PathFor(fileName);
        await using (var file = Security.PrivateFiles.Create(path, FileMode.Create, FileAccess.Write, FileOptions.Asynchronous))
        {
            await file.WriteAsync(content, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        return path;
    }
}
