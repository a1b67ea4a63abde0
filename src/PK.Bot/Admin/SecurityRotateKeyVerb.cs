using System.CommandLine;
using Microsoft.Extensions.Options;
using PK.Bot.Persistence;
using PK.Bot.Security;

namespace PK.Bot.Admin;

/// <summary><c>security rotate-key --new-key KEY</c>: re-encrypt the database under a new data key (stop the bot first).</summary>
internal sealed class SecurityRotateKeyVerb : IVerb
{
    public string? Group => "security";

    public Command Build(BotHostFactory hosts)
    {
        var newKey = new Option<string>("--new-key") { Description = "The new data key: base64 of 32 random bytes (`openssl rand -base64 32`).", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Rows per transaction (200).", DefaultValueFactory = _ => 200 };
        var command = new Command("rotate-key", "Re-encrypt every encrypted column and keyed hash under a new data key; resumable. Security:DataKey stays the old key until it finishes.") { newKey, batch };
        command.SetAction(async (parse, ct) =>
        {
            var next = new DataProtector(DataKeySource.Parse(parse.GetValue(newKey), "--new-key"));
            await using var app = hosts(parse).Build();
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct, rotating: true);
            var rotation = new KeyRotation(app.Services.GetRequiredService<BotDatabase>(), app.Services.GetRequiredService<DataProtector>(),
                app.Services.GetRequiredService<ILogger<KeyRotation>>()) { BatchSize = Math.Max(1, parse.GetValue(batch)) };
            var rows = await rotation.RotateAsync(next, ct);

            var options = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
            var database = app.Services.GetRequiredService<BotDatabase>();
            if (string.IsNullOrWhiteSpace(options.DataKey))
            {
                var keyFile = Path.Combine(database.Directory, DataKeySource.KeyFileName);
                PrivateFiles.WriteAllText(keyFile, parse.GetValue(newKey)!.Trim() + "\n");
                await Console.Error.WriteLineAsync($"Kunci data diganti ({rows} baris dienkripsi ulang); kunci baru disimpan di {keyFile}.");
            }
            else
            {
                await Console.Error.WriteLineAsync($"Kunci data diganti ({rows} baris dienkripsi ulang). Ganti Security:DataKey dengan kunci baru sekarang, lalu jalankan bot.");
            }
            return 0;
        });
        return command;
    }
}
