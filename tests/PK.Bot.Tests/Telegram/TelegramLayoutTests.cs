using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PK.Bot.Channels.Telegram;
using PK.Domain.Conversations;

namespace PK.Bot.Tests.Telegram;

public sealed class TelegramLayoutTests
{
    [Fact]
    public void ALongTextIsSplitAtLineBoundariesIntoPiecesTelegramTakes()
    {
        var lines = Enumerable.Range(1, 400).Select(i => $"III.{i} Jawaban nomor {i}: Ya, sudah dicatat dengan benar").ToList();
        var text = string.Join("\n", lines);

        var pieces = TelegramLayout.Split(text);

        Assert.True(pieces.Count > 1);
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, TelegramLayout.MaxTextLength));
        Assert.Equal(lines, pieces.SelectMany(p => p.Split('\n')));
    }

    [Fact]
    public void ASingleLineLongerThanTheLimitIsCutWithoutLosingAnything()
    {
        var text = "awal\n" + new string('x', 9000) + "\nakhir";

        var pieces = TelegramLayout.Split(text);

        Assert.All(pieces, p => Assert.InRange(p.Length, 1, TelegramLayout.MaxTextLength));
        Assert.Equal(text.Replace("\n", ""), string.Concat(pieces).Replace("\n", ""));
    }

    [Fact]
    public void TwelveShortOptionsAreDrawnThreeToARowNeverInOneRow()
    {
        var options = Enumerable.Range(1, 12).Select(i => new ReplyOption($"a|0123abcd|I.5#1|{i}", $"Pilih {i}", $"{i}")).ToList();

        var keyboard = TelegramLayout.Keyboard(options)!;

        var rows = keyboard.InlineKeyboard.Select(r => r.Count()).ToList();
        Assert.Equal([3, 3, 3, 3], rows);
        Assert.Equal(options.Select(o => o.Token), keyboard.InlineKeyboard.SelectMany(r => r).Select(b => b.CallbackData));
    }

    [Theory]
    [InlineData("Ya", 3)]
    [InlineData("Petugas KB desa", 2)]
    [InlineData("Sumur terlindung atau mata air terlindung", 1)]
    public void RowsNarrowAsLabelsGrow(string label, int perRow)
    {
        var options = Enumerable.Range(1, 6).Select(i => new ReplyOption($"a|0123abcd|III.23|{i}", label, $"{i}")).ToList();

        var keyboard = TelegramLayout.Keyboard(options)!;

        Assert.All(keyboard.InlineKeyboard, row => Assert.Equal(perRow, row.Count()));
    }

    [Fact]
    public void LabelsTooLongForAButtonAreAlsoListedInTheText()
    {
        var reply = new Reply("III.23 Sumber air minum utama?", [new ReplyOption("a|0123abcd|III.23|1", "Air kemasan bermerk atau air isi ulang dari depot", "1")], ReplyKind.Question);

        Assert.Equal("III.23 Sumber air minum utama?\n\n1. Air kemasan bermerk atau air isi ulang dari depot", TelegramLayout.Text(reply));
    }

    [Fact]
    public void ATokenOverSixtyFourBytesIsNotDrawnAsAButton()
    {
        var options = new[] { new ReplyOption(new string('a', 65), "Terlalu panjang", "1"), new ReplyOption("a|0123abcd|I.5#1|2", "Cukup", "2") };

        var keyboard = TelegramLayout.Keyboard(options)!;

        Assert.Equal(["a|0123abcd|I.5#1|2"], keyboard.InlineKeyboard.SelectMany(r => r).Select(b => b.CallbackData));
    }

    [Fact]
    public void AChatGetsAShortBurstThenOneMessageASecond()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 4, 15, 2, 0, 0, TimeSpan.Zero));
        var limiter = new TelegramRateLimiter(Options.Create(new TelegramOptions()), clock);

        Assert.All(Enumerable.Range(0, TelegramRateLimiter.PerChatBurst), _ => Assert.Equal(TimeSpan.Zero, limiter.TryTake(1)));
        var wait = limiter.TryTake(1);
        Assert.InRange(wait, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(1.01));
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(2)); // another chat is not held up

        clock.Advance(wait);
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(1));
        Assert.NotEqual(TimeSpan.Zero, limiter.TryTake(1));
    }

    [Fact]
    public void AllChatsTogetherGetThirtyMessagesASecond()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 4, 15, 2, 0, 0, TimeSpan.Zero));
        var limiter = new TelegramRateLimiter(Options.Create(new TelegramOptions()), clock);

        Assert.All(Enumerable.Range(1, 30), chat => Assert.Equal(TimeSpan.Zero, limiter.TryTake(chat)));
        var wait = limiter.TryTake(31);
        Assert.InRange(wait, TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(40));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.All(Enumerable.Range(31, 30), chat => Assert.Equal(TimeSpan.Zero, limiter.TryTake(chat)));
    }

    [Fact]
    public void ARetryAfterHoldsEverySendUntilItHasPassed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 4, 15, 2, 0, 0, TimeSpan.Zero));
        var limiter = new TelegramRateLimiter(Options.Create(new TelegramOptions()), clock);

        limiter.PauseFor(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), limiter.TryTake(1));
        Assert.Equal(TimeSpan.FromSeconds(7), limiter.TryTake(null));
        clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(1));
    }

    [Theory]
    [InlineData("Telegram:BotToken", "bukan-token", "Telegram:BotToken")]
    [InlineData("Telegram:Mode", "Webhook", "Telegram:WebhookUrl")]
    [InlineData("Telegram:ApiBaseUrl", "localhost:8081", "Telegram:ApiBaseUrl")]
    public async Task AWrongTelegramSettingStopsStartUpNamingTheKey(string key, string value, string named)
    {
        var settings = new Dictionary<string, string> { ["Telegram:BotToken"] = "123456:ABC", [key] = value };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () => await (await Support.BotFixture.StartAsync(settings: settings)).DisposeAsync());

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task WithoutATokenTheTelegramSectionIsNotChecked()
    {
        var settings = new Dictionary<string, string> { ["Telegram:ApiBaseUrl"] = "bukan url", ["Telegram:WebhookSecret"] = "ada spasi" };

        await using var bot = await Support.BotFixture.StartAsync(settings: settings);

        Assert.Null(bot.App.Services.GetService(typeof(TelegramChannelSender)));
    }

    [Fact]
    public void AnEditOnlyTakesAMessageTheChatCanSpare()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new TelegramRateLimiter(Options.Create(new TelegramOptions()), clock);
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(1));

        // One message left: it is kept for the next question.
        Assert.False(limiter.TryTakeSpare(1));
        Assert.Equal(clock.GetUtcNow(), limiter.ReadyAt(1));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryTakeSpare(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(1));
        Assert.True(limiter.ReadyAt(1) > clock.GetUtcNow());
    }

    [Fact]
    public async Task ThePartsOfOneReplyWaitUntilTheChatHasRoomForAllOfThem()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new TelegramRateLimiter(Options.Create(new TelegramOptions()), clock);
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryTake(1));

        var start = clock.GetUtcNow();
        var ready = limiter.ReadyAt(1, 3);
        var room = limiter.WaitForRoomAsync(1, 3, CancellationToken.None);
        // The limiter waits on one timer of the clock until the chat has room for all three: step to just before, then onto it.
        clock.Advance(ready - start - TimeSpan.FromMilliseconds(1));
        Assert.False(room.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await room.WaitAsync(TimeSpan.FromSeconds(10));

        // One message was left; three in a row need two more seconds at one a second.
        Assert.True(clock.GetUtcNow() - start >= TimeSpan.FromSeconds(2), $"{(clock.GetUtcNow() - start).TotalSeconds} s");
        Assert.All(Enumerable.Range(0, 3), _ => Assert.Equal(TimeSpan.Zero, limiter.TryTake(1)));
    }
}
