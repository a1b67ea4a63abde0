using System.CommandLine;
using Microsoft.Data.Sqlite;
using PK.Bot.Persistence;
using PK.Bot.Security;

namespace PK.Bot.Admin;

internal sealed class BackupVerb : IVerb
{
    public string? Group => null;

    public Command Build(BotHostFactory hosts)
    {
        var target = new Argument<FileInfo>("PATH") { Description = "Where to write the copy (must not exist yet)." };
        var command = new Command("backup", "A consistent copy of the bot database, taken while the bot runs.") { target };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(target);
            if (path.Exists)
            {
                await Console.Error.WriteLineAsync($"{path.FullName} sudah ada; pilih nama lain.");
                return 1;
            }
            await using var app = hosts(parse).Build();
            await app.PrepareAsync(ct);
            if (path.DirectoryName is { } folder) PrivateFiles.CreateDirectory(folder);
            // VACUUM INTO fills an empty file: created here 0600, the copy is as private as the database.
            PrivateFiles.Create(path.FullName, FileMode.CreateNew).Dispose();
            // VACUUM INTO reads one snapshot of the live (WAL) database and writes a compact, self-contained copy.
            await using var connection = new SqliteConnection(app.Services.GetRequiredService<BotDatabase>().ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.AddWithValue("$path", path.FullName);
            await command.ExecuteNonQueryAsync(ct);
            await Console.Error.WriteLineAsync($"Cadangan ditulis ke {path.FullName}. Kunci data (Security:DataKey) tidak ikut: simpan terpisah.");
            return 0;
        });
        return command;
    }
}
