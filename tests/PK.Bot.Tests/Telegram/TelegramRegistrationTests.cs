using PK.Bot.Channels.Telegram;
using PK.Bot.Tests.Support;
using PK.Domain;

namespace PK.Bot.Tests.Telegram;

public sealed class TelegramRegistrationTests
{
    private const long Sri = 7001;

    [Fact]
    public async Task StartShowsTheShareContactButton()
    {
        await using var tg = await TelegramHarness.StartAsync();

        var replies = await tg.SendAsync(Sri, tg.Api.Says(Sri, "/start"));

        var reply = Assert.Single(replies);
        Assert.Equal(TelegramTexts.ShareContactPrompt, reply.Text);
        Assert.True(reply.RequestsContact);
        Assert.Equal(TelegramTexts.ShareContactButton, reply.ReplyMarkup!["keyboard"]![0]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task SharingOwnContactOnTheRosterLinksTheChat()
    {
        await using var tg = await TelegramHarness.StartAsync();
        var sri = await tg.AddToRosterAsync("Sri Wahyuni", "6281311110001");
        await tg.SendAsync(Sri, tg.Api.Says(Sri, "/start"));

        // Telegram sends the number without '+', in international form.
        var replies = await tg.SendAsync(Sri, tg.Api.SharesContact(Sri, Sri, "6281311110001"));

        var reply = Assert.Single(replies);
        Assert.StartsWith(TelegramTexts.ContactLinked, reply.Text);
        Assert.Contains("Sri Wahyuni", reply.Text);
        Assert.True(reply.RemovesKeyboard);
        var link = await tg.Bot.QueryAsync(db => db.ChatLinks.SingleAsync());
        Assert.Equal((TelegramChannel.Name, Sri.ToString(), sri.Id), (link.Channel, link.ChatId, link.PersonId));

        var help = await tg.SendAsync(Sri, tg.Api.Says(Sri, "/bantuan"));
        Assert.StartsWith("Perintah:", Assert.Single(help).Text);
    }

    [Fact]
    public async Task SomeoneElsesContactIsRefusedAndLinksNothing()
    {
        await using var tg = await TelegramHarness.StartAsync();
        await tg.AddToRosterAsync("Sri Wahyuni", "6281311110001");

        var replies = await tg.SendAsync(Sri, tg.Api.SharesContact(Sri, contactUserId: 9999, "6281311110001"));
        var noUserId = await tg.SendAsync(Sri, tg.Api.SharesContact(Sri, contactUserId: null, "6281311110001"));

        Assert.Equal(TelegramTexts.NotOwnContact, Assert.Single(replies).Text);
        Assert.True(replies[0].RequestsContact);
        Assert.Equal(TelegramTexts.NotOwnContact, Assert.Single(noUserId).Text);
        Assert.False(await tg.Bot.QueryAsync(db => db.ChatLinks.AnyAsync()));
    }

    [Fact]
    public async Task ANumberNotOnTheRosterGetsAPoliteRefusalAndNoAccess()
    {
        await using var tg = await TelegramHarness.StartAsync();
        await tg.AddToRosterAsync("Sri Wahyuni", "6281311110001");

        var replies = await tg.SendAsync(Sri, tg.Api.SharesContact(Sri, Sri, "+6281399999999"));
        var afterwards = await tg.SendAsync(Sri, tg.Api.Says(Sri, "/mulai"));

        Assert.Equal(TelegramTexts.ContactNotOnRoster, Assert.Single(replies).Text);
        Assert.False(await tg.Bot.QueryAsync(db => db.ChatLinks.AnyAsync()));
        Assert.Equal(TelegramTexts.ShareContactFirst, Assert.Single(afterwards).Text);
        Assert.False(await tg.Bot.QueryAsync(db => db.Interviews.AnyAsync()));
    }

    [Fact]
    public async Task AGroupChatGetsAShortRefusal()
    {
        await using var tg = await TelegramHarness.StartAsync();
        await tg.AddLinkedKaderAsync(Sri, "Sri Wahyuni", "6281311110001");

        var replies = await tg.SendAsync(-100200, tg.Api.SaysInGroup(Sri, -100200, "/mulai"));

        Assert.Equal(TelegramTexts.PrivateChatsOnly, Assert.Single(replies).Text);
        Assert.False(await tg.Bot.QueryAsync(db => db.Interviews.AnyAsync()));
    }
}
