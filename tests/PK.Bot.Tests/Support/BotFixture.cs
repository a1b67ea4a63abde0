using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Turns;
using PK.Bot.Hosting;
using PK.Bot.Persistence;
using PK.Domain.People;

namespace PK.Bot.Tests.Support;

/// <summary>The real host on a real SQLite file in a temporary folder, with a recording channel named "test".</summary>
public sealed class BotFixture : IAsyncDisposable
{
    public static readonly string DataKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly bool ownsFolder;

    private BotFixture(WebApplication app, TempFolder folder, bool ownsFolder, RecordingSender sender)
    {
        this.ownsFolder = ownsFolder;
        App = app;
        Folder = folder;
        Sender = sender;
    }

    public WebApplication App { get; }
    public TempFolder Folder { get; }
    public RecordingSender Sender { get; }
    public ChatDispatcher Dispatcher => App.Services.GetRequiredService<ChatDispatcher>();

    public static async Task<BotFixture> StartAsync(Action<IServiceCollection>? services = null, IDictionary<string, string>? settings = null, TempFolder? folder = null)
    {
        var ownsFolder = folder is null;
        folder ??= new TempFolder();
        var args = new Dictionary<string, string>
        {
            ["ConnectionStrings:Bot"] = $"Data Source={folder.File("pk-bot.db")}",
            ["ConnectionStrings:Core"] = $"Data Source={folder.File("pk-core.db")}",
            ["Security:DataKey"] = DataKey,
            ["Urls"] = "http://127.0.0.1:0",
            ["Outbox:InitialRetryDelay"] = "00:00:00.020",
            ["Outbox:MaxRetryDelay"] = "00:00:00.100",
            ["Outbox:PollInterval"] = "00:00:00.020",
            // Kader tallies would join a test's replies after 17:00 on the real clock; the reporting tests turn them on.
            ["Reports:KaderTally"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Keep the test output readable: the console sink only shows what would stop a run.
            ["Serilog:WriteTo:0:Args:restrictedToMinimumLevel"] = "Fatal",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) args[key] = value;

        var builder = BotHost.CreateBuilder([.. args.Select(kv => $"--{kv.Key}={kv.Value}")]);
        var sender = new RecordingSender();
        builder.Services.AddSingleton<PK.Bot.Channels.IChannelSender>(sender);
        services?.Invoke(builder.Services);
        var app = builder.BuildServer();
        await app.StartAsync();
        return new BotFixture(app, folder, ownsFolder, sender);
    }

    public async Task<T> QueryAsync<T>(Func<BotDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    public async Task WaitUntilOutboxIsEmptyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await QueryAsync(db => db.Outbox.AnyAsync(m => m.SentAt == null)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The outbox did not drain.");
            await Task.Delay(10);
        }
    }

    /// <summary>A roster person whose chat <paramref name="chatId"/> on the test channel is linked to them.</summary>
    public async Task<Person> AddPersonAsync(string name, string phoneDigits, string? chatId = null, string channel = RecordingSender.ChannelName,
        Role role = Role.Kader, string region = "33.13.01.2001", int? target = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var person = new Person
        {
            Id = Guid.NewGuid(),
            Name = name,
            PhoneDigits = phoneDigits,
            Role = role,
            RegionCode = region,
            TargetFamilies = target,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.People.Add(person);
        db.ChatLinks.Add(new ChatLink { Channel = channel, ChatId = chatId ?? phoneDigits, PersonId = person.Id, LinkedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return person;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (ownsFolder) Folder.Dispose();
    }
}
