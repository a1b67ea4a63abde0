using System.Text.Json;
using PK.Domain.Conversations;
using PK.Domain.Tests.Interviews;
using PK.Domain.Tests.Support;

namespace PK.Domain.Tests.Conversations;

/// <summary>The typed protocol between the engine and the channels: picks, button tokens, reply kinds; and the stored forms that came before.</summary>
public class ProtocolTests
{
    private static readonly Guid A = Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    private static readonly Guid B = Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c");

    public static TheoryData<string, PendingPick> OldStates => new()
    {
        { """{"ActiveInterview":null,"Pending":"desa","PendingOptions":[],"RefusedAt":null}""", new PendingPick.Desa([]) },
        { """{"Pending":"desa","PendingOptions":["33.13.01.2001","33.13.01.2002"]}""", new PendingPick.Desa(["33.13.01.2001", "33.13.01.2002"]) },
        { $$"""{"PendingOptions":["{{A}}","{{B}}"],"Pending":"resume"}""", new PendingPick.Resume([A, B]) },
        { $$"""{"Pending":"koreksi","PendingOptions":["{{B}}"]}""", new PendingPick.Correction([B]) },
        { $$"""{"ActiveInterview":null,"Pending":"parked","PendingOptions":["{{A}}"],"RefusedAt":null}""", new PendingPick.Parked(A) },
    };

    [Theory]
    [MemberData(nameof(OldStates))]
    public void AChatStateStoredWithAPendingWordReadsAsItsTypedPickAndIsWrittenInTheNewForm(string old, PendingPick expected)
    {
        var state = JsonSerializer.Deserialize<ConversationState>(old)!;

        Assert.Equal(expected.GetType(), state.Pick?.GetType());
        Assert.Equal(expected.Count, state.Pick!.Count);
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(state.Pick));
        var written = JsonSerializer.Serialize(state);
        Assert.DoesNotContain("PendingOptions", written);
        Assert.DoesNotContain("\"Pending\"", written);
        var again = JsonSerializer.Deserialize<ConversationState>(written)!;
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(again.Pick));
    }

    [Fact]
    public void AStoredStateWithoutAPickReadsAsNoPick()
    {
        Assert.Null(JsonSerializer.Deserialize<ConversationState>("""{"ActiveInterview":null,"Pending":null,"PendingOptions":[],"RefusedAt":null}""")!.Pick);
        Assert.Null(JsonSerializer.Deserialize<ConversationState>("{}")!.Pick);
    }

    [Fact]
    public void AChatStoredInTheOldFormMidPickCarriesOnWhereItWas()
    {
        var chat = TwoUnfinishedFamilies(out var first, out _);
        chat.Send("/lanjut");
        var pick = Assert.IsType<PendingPick.Resume>(chat.State.Pick);

        // The same state as a row written before picks were typed.
        chat.StoredState = JsonSerializer.Serialize(new { ActiveInterview = (Guid?)null, Pending = "resume", PendingOptions = pick.Families.Select(f => f.ToString()), RefusedAt = (DateTimeOffset?)null });
        chat.Send((pick.Families.ToList().IndexOf(first) + 1).ToString());

        Assert.Equal(first, chat.State.ActiveInterview);
        Assert.Contains(PK.Domain.Texts.Resumed, chat.LastText);
        Assert.Null(chat.State.Pick);
        Assert.DoesNotContain("PendingOptions", chat.StoredState);
    }

    private static KaderChat TwoUnfinishedFamilies(out Guid first, out Guid second)
    {
        var chat = FamilyShapesTests.Header(2);
        first = chat.State.ActiveInterview!.Value;
        chat.Send("/jeda");
        FamilyShapesTests.Header(1, chat, rumah: "16");
        second = chat.State.ActiveInterview!.Value;
        chat.Send("/jeda");
        return chat;
    }

    [Theory]
    [InlineData("a|0123abcd|hubungan#1|1", "a")]
    [InlineData("m|0123abcd|sumber_air|3", "m")]
    [InlineData("a|0123abcd|rt|-1", "a")]
    [InlineData("p|2", "p")]
    [InlineData("y|ya", "y")]
    [InlineData("y|tidak", "y")]
    public void ButtonsAlreadyOnPhonesReadBackAndWriteTheSameText(string data, string kind)
    {
        var token = OptionToken.Read(data);

        Assert.NotNull(token);
        Assert.Equal(data, token.ToString());
        Assert.StartsWith(kind + "|", token.ToString());
    }

    [Fact]
    public void ButtonDataReadsAsItsParts()
    {
        Assert.Equal(new OptionToken.Answer("0123abcd", "hubungan#1", 1), OptionToken.Read("a|0123abcd|hubungan#1|1"));
        Assert.Equal(new OptionToken.Answer("0123abcd", "media#2", 4, Multiple: true), OptionToken.Read("m|0123abcd|media#2|4"));
        Assert.Equal(new OptionToken.Pick(10), OptionToken.Read("p|10"));
        Assert.Equal(new OptionToken.YesNo(true), OptionToken.Read("y|ya"));
        Assert.Equal(new OptionToken.YesNo(false), OptionToken.Read("y|tidak"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("c|mulai")]
    [InlineData("a|0123abcd|rt")]
    [InlineData("a|0123abcd|rt|x")]
    [InlineData("a||rt|1")]
    [InlineData("p|")]
    [InlineData("p|-1")]
    [InlineData("p|1|2")]
    [InlineData("y|mungkin")]
    [InlineData("zzz")]
    public void DataNoButtonOfThisBotCarriesReadsAsNothing(string? data) => Assert.Null(OptionToken.Read(data));

    [Fact]
    public void EveryButtonTheEngineDrawsReadsBack()
    {
        var chat = FamilyShapesTests.Header(2);
        chat.Send("Budi");
        chat.Send("belum ada");
        var drawn = chat.Last.SelectMany(r => r.Options).ToList();
        Assert.NotEmpty(drawn);
        Assert.All(drawn, o => Assert.IsType<OptionToken.Answer>(OptionToken.Read(o.Token)));
        Assert.All(drawn, o => Assert.True(o.Token.Length <= 40, o.Token));

        chat.Send("/batal");
        Assert.Equal(["y|ya", "y|tidak"], chat.Last.Single().Options.Select(o => o.Token));
    }

    [Fact]
    public void AnOldPickButtonStillPicks()
    {
        var chat = TwoUnfinishedFamilies(out _, out var second);
        chat.Send("/lanjut");

        chat.PressToken("p|1");

        Assert.Equal(second, chat.State.ActiveInterview);
    }

    [Fact]
    public void EachReplySaysWhatItIs()
    {
        var chat = new KaderChat();
        Assert.Equal(ReplyKind.Notice, chat.Send("/bantuan").Single().Kind);

        var chat2 = FamilyShapesTests.Header(2);
        Assert.Equal(ReplyKind.Question, chat2.Last.Single().Kind);
        Assert.Equal(ReplyKind.Refusal, chat2.Send("/lewati").Single().Kind);
        chat2.Send("Budi");
        chat2.Send("belum ada");
        var old = chat2.Last.Single().Options[0].Token;
        Assert.Equal(ReplyKind.Question, chat2.Send("1").Single().Kind);
        var stale = chat2.PressToken(old).Single();
        Assert.Equal(ReplyKind.Stale, stale.Kind);
        Assert.StartsWith(PK.Domain.Texts.StaleButton, stale.Text);
        Assert.Equal(ReplyKind.Stale, chat2.PressToken("c|mulai").Single().Kind);
        Assert.Equal(ReplyKind.Confirmation, chat2.Send("/batal").Single().Kind);
        Assert.Equal(ReplyKind.Question, chat2.Send("tidak").Single().Kind);
        Assert.Equal(ReplyKind.Summary, chat2.Send("/ringkasan")[0].Kind);

        var chat3 = TwoUnfinishedFamilies(out _, out _);
        var pick = chat3.Send("/lanjut").Single();
        Assert.Equal(ReplyKind.Pick, pick.Kind);
        Assert.Equal(ReplyKind.Refusal, chat3.Send("9").Single().Kind);
    }
}
