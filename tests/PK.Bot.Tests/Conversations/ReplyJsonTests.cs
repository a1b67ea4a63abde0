using PK.Bot.Turns;
using PK.Domain.Conversations;

namespace PK.Bot.Tests.Conversations;

/// <summary>Outbox rows written before replies carried a kind (and when they carried questionKey, progress and commands) still send.</summary>
public class ReplyJsonTests
{
    [Fact]
    public void AnOutboxRowWithTheRetiredFieldsReadsAsItsTextAndOptions()
    {
        const string old = """
            {"text":"[Blok I Kependudukan · Anggota 1 dari 2]\n1.3 Jenis kelamin?","options":[{"token":"a|0123abcd|jenis_kelamin#1|1","label":"Laki-laki","number":"1"},{"token":"a|0123abcd|jenis_kelamin#1|2","label":"Perempuan","number":"2"}],"questionKey":"jenis_kelamin#1","progress":{"block":"Blok I Kependudukan","member":1,"memberCount":2,"itemNumber":"1.3"},"commands":["/kembali","/ringkasan","/jeda","/batal"]}
            """;

        var reply = ReplyJson.Deserialize(old);

        Assert.Equal("[Blok I Kependudukan · Anggota 1 dari 2]\n1.3 Jenis kelamin?", reply.Text);
        Assert.Equal(["a|0123abcd|jenis_kelamin#1|1", "a|0123abcd|jenis_kelamin#1|2"], reply.Options.Select(o => o.Token));
        Assert.Equal(["Laki-laki", "Perempuan"], reply.Options.Select(o => o.Label));
        Assert.Equal(ReplyKind.Notice, reply.Kind);
    }

    [Fact]
    public void AReplyWritesItsKindAndNoRetiredFieldAndReadsBack()
    {
        var reply = new Reply("Tombol itu dari pertanyaan sebelumnya.", [ReplyOption.For(new OptionToken.YesNo(true), "Ya", "1")], ReplyKind.Stale);

        var json = ReplyJson.Serialize(reply);

        Assert.Contains("\"kind\":\"Stale\"", json);
        Assert.DoesNotContain("questionKey", json);
        Assert.DoesNotContain("progress", json);
        Assert.DoesNotContain("commands", json);
        var back = ReplyJson.Deserialize(json);
        Assert.Equal(reply.Text, back.Text);
        Assert.Equal(reply.Kind, back.Kind);
        Assert.Equal(reply.Options, back.Options);
    }
}
