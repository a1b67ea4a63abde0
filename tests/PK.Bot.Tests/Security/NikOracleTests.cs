using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.Security;

/// <summary>A KK NIK typed again is flagged as recorded, without telling where it was recorded.</summary>
public sealed class NikOracleTests
{
    [Fact]
    public async Task AKaderInAnotherKecamatanIsToldOnlyThatTheKkNikWasRecorded()
    {
        await using var bot = await BotFixture.StartAsync();
        await bot.AddPersonAsync("Sri Lestari", "6281300000001", chatId: "jatipuro", region: "33.13.01.2001");
        await bot.AddPersonAsync("Ani Rahayu", "6281300000002", chatId: "colomadu", region: "33.13.12.2001");
        var nik = "3313011507800001";
        var n = 0;
        foreach (var text in Script.Family(houseNumber: 12, nik: nik))
            await bot.Dispatcher.DispatchAsync(Messages.Text("jatipuro", $"a{n++}", text));

        foreach (var text in Script.Family(houseNumber: 40, street: "Jl. Kenanga 2", head: "Joko Widodo", nik: nik).Take(10))
            await bot.Dispatcher.DispatchAsync(Messages.Text("colomadu", $"b{n++}", text));
        await bot.WaitUntilOutboxIsEmptyAsync();

        var replies = bot.Sender.TextsTo("colomadu");
        Assert.Contains(replies, t => t.Contains("No. KK yang sama sudah tercatat. Tetap catat"));
        Assert.All(replies.Where(t => t.Contains("sudah dicatat")), flagged =>
        {
            Assert.DoesNotContain("33.13.01", flagged);
            Assert.DoesNotContain(" desa ", flagged, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Jatipuro", flagged);
            Assert.DoesNotContain("..", flagged);
        });
    }
}
