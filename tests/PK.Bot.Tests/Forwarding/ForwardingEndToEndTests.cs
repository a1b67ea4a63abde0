using Microsoft.Extensions.DependencyInjection;
using PK.Bot.Persistence;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Forwarding;

/// <summary>From a kader's chat to the embedded SQLite core, through the real turn, queue and forwarder.</summary>
public sealed class ForwardingEndToEndTests
{
    [Fact]
    public async Task AFamilySubmittedInAChatReachesTheCoreAndItsCorrectionBecomesTheNextVersion()
    {
        var settings = ForwardingBot.Settings("Sqlite", batchSize: 10);
        settings.Remove("ConnectionStrings:Core");
        // The family of four's answers are right for the day of the 2021 census (the daughter is 15).
        var day = new ShiftedTimeProvider(new DateTimeOffset(2021, 4, 15, 2, 0, 0, TimeSpan.Zero));
        await using var bot = await BotFixture.StartAsync(services => services.AddSingleton<TimeProvider>(day), settings);
        await bot.AddPersonAsync("Sri Lestari", "6281311110001", chatId: "k1");
        var core = CoreQuery.Sqlite(bot.Folder.File("pk-core.db"));
        var n = 0;
        foreach (var text in FamilyRecords.FamilyOfFour)
            await bot.Dispatcher.DispatchAsync(new PK.Bot.Turns.IncomingMessage(new PK.Bot.Turns.ChatKey(RecordingSender.ChannelName, "k1"), $"m{n++}", new PK.Domain.Conversations.Inbound(PK.Domain.Conversations.InboundKind.Text, text, day.GetUtcNow())));

        await bot.WaitUntilNothingWaitsAsync();
        var queued = Assert.Single(await bot.QueryAsync(db => db.SubmittedRecords.ToListAsync()));
        Assert.Equal(ForwardStatus.Delivered, queued.ForwardStatus);
        Assert.Equal(1, await core.CountAsync("pk_family_records", $"record_id = '{queued.RecordId:D}' AND record_version = 1"));

        foreach (var text in new[] { "/koreksi", "1", "/kirim" })
            await bot.Dispatcher.DispatchAsync(new PK.Bot.Turns.IncomingMessage(new PK.Bot.Turns.ChatKey(RecordingSender.ChannelName, "k1"), $"m{n++}", new PK.Domain.Conversations.Inbound(PK.Domain.Conversations.InboundKind.Text, text, day.GetUtcNow())));

        await Eventually.HoldsAsync(async () => await bot.CountAsync(ForwardStatus.Delivered) == 2, "the correction is delivered");
        Assert.Equal(1, await core.CountAsync("pk_family_records"));
        Assert.Equal("2", await core.TextAsync("SELECT record_version FROM pk_family_records"));
        Assert.Equal(1, await core.CountAsync("pk_family_record_history", $"record_id = '{queued.RecordId:D}' AND record_version = 1"));
        Assert.Contains("\"nik\":\"3313011708750001\"", await core.TextAsync("SELECT payload FROM pk_family_records"));
    }
}
