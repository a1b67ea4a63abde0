using Microsoft.Data.Sqlite;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Security;

/// <summary>Phone numbers and family address keys are kept as keyed hashes (phones also encrypted for display), and lookups still work.</summary>
public sealed class ProtectedLookupTests
{
    [Fact]
    public async Task TheRawDatabaseHoldsNoPhoneDigitsAddressKeyNikOrNameAfterAnImportAndAFamily()
    {
        using var folder = new TempFolder();
        await SecuredFolder.SeedAsync(folder, BotFixture.DataKey);

        var raw = SecuredFolder.RawBytes(folder);
        foreach (var secret in new[]
        {
            SecuredFolder.KaderPhone, SecuredFolder.KaderPhoneLocal[1..], SecuredFolder.WaitingPhone, SecuredFolder.WaitingPhone[2..],
            "33.13.01.2001|", "|3|2|15|1", "3313011708750001", "Budi Santoso", SecuredFolder.KaderName, SecuredFolder.WaitingName,
        })
            Assert.False(SecuredFolder.Holds(raw, secret), $"the database files hold {secret}");

        // Lookups by phone still work: the import recognises both people, status shows the masked number.
        var roster = folder.File("roster.csv");
        var (exit, stdout, stderr) = await SecuredFolder.RunAsync(folder, BotFixture.DataKey, "", "roster", "import", roster);
        Assert.True(exit == 0, stderr);
        Assert.Contains("0 ditambah, 0 diubah, 0 dinonaktifkan, 2 tetap", stdout);
        (exit, stdout, stderr) = await SecuredFolder.RunAsync(folder, BotFixture.DataKey, "", "roster", "status");
        Assert.True(exit == 0, stderr);
        Assert.Contains("62813*****321", stdout);
        Assert.Contains(SecuredFolder.WaitingName, stdout);
    }

    [Fact]
    public async Task RowsOfAnOlderVersionAreProtectedAtStartAndStillFound()
    {
        using var folder = new TempFolder();
        const string phone = "6281311110001";
        const string familyKey = "33.13.01.2001|3|2|12|1";
        await using (var bot = await BotFixture.StartAsync(folder: folder))
        {
            await bot.AddPersonAsync("Siti Aminah", phone, chatId: "c1");
            var n = 0;
            foreach (var text in Script.Family(houseNumber: 12).Take(8))
                await bot.Dispatcher.DispatchAsync(Messages.Text("c1", $"m{n++}", text));
        }
        // As an older version left them: the phone in clear without a hash, the address key in clear.
        await using (var connection = new SqliteConnection($"Data Source={folder.File("pk-bot.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE people SET \"PhoneDigits\" = '{phone}', \"PhoneHash\" = NULL; UPDATE interviews SET \"FamilyKey\" = '{familyKey}'";
            Assert.Equal(2, await command.ExecuteNonQueryAsync());
        }

        await using (var bot = await BotFixture.StartAsync(folder: folder))
        {
            var person = await bot.QueryAsync(db => db.People.SingleAsync(p => p.PhoneHash == db.PhoneHashOf(phone)));
            Assert.Equal(phone, person.PhoneDigits);
            Assert.Equal("Siti Aminah", person.Name);

            // The same address typed again is still recognised through its hash.
            var n = 100;
            foreach (var text in Script.Family(houseNumber: 12, nik: "3313014211820002").Take(8))
                await bot.Dispatcher.DispatchAsync(Messages.Text("c1", $"m{n++}", text));
            await bot.WaitUntilOutboxIsEmptyAsync();
            Assert.Contains(bot.Sender.TextsTo("c1"), t => t.Contains("alamat (RW/RT/No. Rumah/No. Urut) yang sama sedang didata"));
        }
        var raw = SecuredFolder.RawBytesOf(folder.File("pk-bot.db"));
        Assert.False(SecuredFolder.Holds(raw, phone));
        Assert.False(SecuredFolder.Holds(raw, familyKey));
    }
}
