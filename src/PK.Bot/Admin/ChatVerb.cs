using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using PK.Bot.Channels.Console;
using PK.Bot.Persistence;
using PK.Domain.Conversations;
using PK.Domain.People;

namespace PK.Bot.Admin;

internal sealed class ChatVerb : IVerb
{
    public const int UnknownPerson = 2;

    public string? Group => null;

    public Command Build(BotHostFactory hosts)
    {
        var phone = new Option<string>("--phone") { Description = "The roster person to chat as (any Indonesian form: 0813…, +62813…).", Required = true };
        var command = new Command("chat", "The conversation on the console, as a roster person: one line in, every reply out.") { phone };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = hosts(parse).Build();
            // Load the form and the region list while the database is checked: the first answer should not wait for them.
            var warm = Task.Run(() => app.Services.GetRequiredService<ConversationEngine>(), ct);
            await app.PrepareAsync(ct);
            var text = parse.GetValue(phone);
            if (!PhoneNumber.TryParse(text, out var number))
            {
                await Console.Error.WriteLineAsync("Nomor telepon tidak dikenali. Contoh: 081312345678.");
                return UnknownPerson;
            }
            Person? person;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
                person = await db.ActivePersonByPhoneAsync(number, ct);
            }
            if (person is null)
            {
                await Console.Error.WriteLineAsync($"Nomor {number.Masked} tidak ada di daftar (roster) atau tidak aktif. Impor roster dulu: roster import FILE.csv");
                return UnknownPerson;
            }
            await warm;
            await app.Services.GetRequiredService<ConsoleChat>().RunAsync(person, Console.In, ct);
            return 0;
        });
        return command;
    }
}
