using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PK.Bot.Channels.Telegram;
using PK.Bot.Tests.Support;
using PK.Domain;

namespace PK.Bot.Tests.Telegram;

/// <summary>The domain's family of four (husband 45, wife 38, daughter 15, son 3) recorded through Telegram.</summary>
public sealed partial class TelegramFamilyTests
{
    private const long Sri = 7101;
    private const long Budi = 7102;


    [Fact]
    public async Task AFamilyByButtonsIsRecordedExactlyAsTheSameFamilyTyped()
    {
        // Two bots, so the second family is not flagged as a copy of the first.
        string typedAnswers;
        await using (var typing = await TelegramHarness.StartAsync())
        {
            await typing.AddLinkedKaderAsync(Budi, "Budi Hartono", "6281311110002");
            foreach (var line in FamilyRecords.FamilyOfFour)
                await typing.SendAsync(Budi, typing.Api.Says(Budi, line));
            var typed = await typing.Bot.QueryAsync(db => db.SubmittedRecords.SingleAsync());
            typedAnswers = Answers(typed.PayloadJson);
            Assert.Empty(typing.Api.Succeeded("answerCallbackQuery"));
        }

        await using var tg = await TelegramHarness.StartAsync();
        await tg.AddLinkedKaderAsync(Sri, "Sri Wahyuni", "6281311110001");
        var presses = 0;
        foreach (var line in FamilyRecords.FamilyOfFour)
        {
            // A batch of codes is answered one question at a time, pressing the button when one is shown.
            foreach (var token in IsBatch(line) ? line.Split(' ') : [line])
            {
                var shown = tg.Api.MessagesTo(Sri).Last(m => m.Edits == 0);
                if (shown.Buttons.Any(b => b.Text.StartsWith(token + ". ", StringComparison.Ordinal)))
                {
                    var replies = await tg.SendAsync(Sri, tg.Api.Presses(Sri, shown, token));
                    presses++;
                    var edited = tg.Api.MessagesTo(Sri).Single(m => m.MessageId == shown.MessageId);
                    Assert.True(edited.Text.EndsWith(string.Format(TelegramTexts.ChosenAnswer, shown.Buttons.First(b => b.Text.StartsWith(token + ". ", StringComparison.Ordinal)).Text), StringComparison.Ordinal),
                        $"pressed «{token}» on:\n{shown.Text}\n=> edited to:\n{edited.Text}\nreplies:\n{string.Join("\n--\n", replies.Select(r => r.Text))}");
                    Assert.Empty(edited.Buttons);
                    Assert.DoesNotContain(replies, r => r.Text.StartsWith(Texts.StaleButton, StringComparison.Ordinal));
                }
                else
                    await tg.SendAsync(Sri, tg.Api.Says(Sri, token));
            }
        }

        var pressed = await tg.Bot.QueryAsync(db => db.SubmittedRecords.SingleAsync());
        Assert.Equal(typedAnswers, Answers(pressed.PayloadJson));
        Assert.True(presses >= 60, $"only {presses} presses");
        Assert.Equal(presses, tg.Api.Succeeded("answerCallbackQuery").Count);

        var drawn = tg.Api.MessagesTo(Sri);
        Assert.All(drawn.SelectMany(m => m.Buttons), b => Assert.True(System.Text.Encoding.UTF8.GetByteCount(b.Data) <= 64, b.Data));
        Assert.All(tg.Api.Succeeded("sendMessage").Where(c => c.Body["reply_markup"]?["inline_keyboard"] is not null),
            c => Assert.All(c.Body["reply_markup"]!["inline_keyboard"]!.AsArray(), row => Assert.InRange(row!.AsArray().Count, 1, 3)));
        // NIKs reach the phone only masked, in the echo after each one was typed.
        Assert.DoesNotContain(drawn, m => m.Text.Contains("3313014211820002"));
        Assert.Contains(drawn, m => m.Text.Contains("3313********0002"));
    }

    [Fact]
    public async Task TypedAnswersAndCommandsWorkWhereButtonsAreShown()
    {
        await using var tg = await TelegramHarness.StartAsync();
        await tg.AddLinkedKaderAsync(Sri, "Sri Wahyuni", "6281311110001");

        var question = await WalkToFirstButtonsAsync(tg);

        var label = question.Buttons[0].Text.Split(". ", 2)[1];
        var typed = await tg.SendAsync(Sri, tg.Api.Says(Sri, label));
        var back = await tg.SendAsync(Sri, tg.Api.Says(Sri, "/kembali"));

        var lines = question.Text.Split('\n');
        var asked = lines[Array.FindIndex(lines, l => l.StartsWith('[')) + 1];
        Assert.True(typed[0].Text.StartsWith("✓", StringComparison.Ordinal), typed[0].Text);
        Assert.Contains(label, typed[0].Text.Split('\n')[0]);
        Assert.Contains(asked, back.Last().Text);
        Assert.NotEmpty(back.Last().Buttons);
        Assert.Empty(tg.Api.Succeeded("answerCallbackQuery"));
    }

    [Fact]
    public async Task APressOnAStaleButtonIsAnsweredPolitelyAndChangesNothing()
    {
        await using var tg = await TelegramHarness.StartAsync();
        await tg.AddLinkedKaderAsync(Sri, "Sri Wahyuni", "6281311110001");
        var old = await WalkToFirstButtonsAsync(tg);
        // Typed instead of pressed: the old message keeps its buttons.
        await tg.SendAsync(Sri, tg.Api.Says(Sri, old.Buttons[0].Text.Split(". ")[0]));
        var auditBefore = await tg.Bot.QueryAsync(db => db.AnswerAudit.CountAsync());

        var replies = await tg.SendAsync(Sri, tg.Api.Presses(Sri, old, old.Buttons[^1].Text));

        Assert.StartsWith(Texts.StaleButton, replies.First(r => r.MessageId != old.MessageId).Text);
        Assert.Equal(auditBefore, await tg.Bot.QueryAsync(db => db.AnswerAudit.CountAsync()));
        var edited = tg.Api.MessagesTo(Sri).Single(m => m.MessageId == old.MessageId);
        Assert.EndsWith(TelegramTexts.StaleButtonPressed, edited.Text);
        Assert.Empty(edited.Buttons);
        Assert.Single(tg.Api.Succeeded("answerCallbackQuery"));
    }

    [Fact]
    public async Task StickersAndLocationsGetTheShortExplanation()
    {
        await using var tg = await TelegramHarness.StartAsync();
        await tg.AddLinkedKaderAsync(Sri, "Sri Wahyuni", "6281311110001");

        var sticker = await tg.SendAsync(Sri, tg.Api.SendsSticker(Sri));
        var location = await tg.SendAsync(Sri, tg.Api.SendsLocation(Sri));

        Assert.StartsWith(Texts.Unsupported, Assert.Single(sticker).Text);
        Assert.StartsWith(Texts.Unsupported, Assert.Single(location).Text);
    }

    /// <summary>Types the family's first lines until a question with buttons is shown; returns it.</summary>
    private static async Task<SentMessage> WalkToFirstButtonsAsync(TelegramHarness tg)
    {
        foreach (var line in FamilyRecords.FamilyOfFour)
        {
            var shown = (await tg.SendAsync(Sri, tg.Api.Says(Sri, line))).Last();
            if (shown.Buttons.Count > 0) return shown;
        }
        throw new InvalidOperationException("The family never showed buttons.");
    }

    private static bool IsBatch(string line) => line.Contains(' ') && line.Split(' ').All(t => BatchToken().IsMatch(t));

    /// <summary>The record's answers, without what differs between two kader and two runs (ids, times, who).</summary>
    private static string Answers(string payloadJson)
    {
        var record = JsonNode.Parse(payloadJson)!.AsObject();
        return new JsonObject { ["family"] = record["family"]?.DeepClone(), ["members"] = record["members"]?.DeepClone(), ["indicators"] = record["indicators"]?.DeepClone() }.ToJsonString();
    }

    [GeneratedRegex(@"^(ok|\d+|\d+/\d+)$")]
    private static partial Regex BatchToken();
}
