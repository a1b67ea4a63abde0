using Microsoft.EntityFrameworkCore;
using PK.Bot.Persistence;
using PK.Domain.People;

namespace PK.Bot.Channels.Console;

/// <summary>Who the bare-terminal console speaks as: the roster's first kader, or a demo kader seeded into an empty roster.</summary>
internal static class ConsoleKader
{
    public const string DemoPhoneDigits = "6281200000001";

    public static async Task<Person> FirstOrDemoAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var kader = await db.People.AsNoTracking()
            .Where(p => p.Active && p.Role == Role.Kader)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (kader is not null)
        {
            await System.Console.Error.WriteLineAsync($"Konsol: bercakap sebagai kader pertama di roster (id {kader.Id}).");
            return kader;
        }
        if (await db.People.AnyAsync(cancellationToken))
            throw new InvalidOperationException("The roster has no active kader for the console to speak as.");

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        kader = new Person
        {
            Id = Guid.NewGuid(),
            Name = "Kader Demo",
            PhoneDigits = DemoPhoneDigits,
            Role = Role.Kader,
            RegionCode = "33.13.01.2001",
            TargetFamilies = 50,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.People.Add(kader);
        await db.SaveChangesAsync(cancellationToken);
        await System.Console.Error.WriteLineAsync(PK.Domain.Texts.ConsoleDemoSeeded);
        return kader;
    }
}
