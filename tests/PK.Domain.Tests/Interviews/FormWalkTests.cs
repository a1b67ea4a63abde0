using PK.Domain.Conversations;
using PK.Domain.Forms;
using PK.Domain.Interviews;

namespace PK.Domain.Tests.Interviews;

public class FormWalkTests
{
    private static readonly DateTimeOffset Now = new(2021, 4, 15, 9, 0, 0, TimeSpan.FromHours(7));

    /// <summary>
    /// An item that applies only once it holds its own Tidak Berlaku: filled because it does not apply, then dropped
    /// because it applies, forever. Settling must say so rather than stop half-way and carry on.
    /// </summary>
    [Fact]
    public void AFormWhoseAnswersNeverSettleFailsLoudly()
    {
        var form = FormLoader.Load("""
            {
              "id": "t", "version": "1", "title": "Test", "settings": {},
              "choices": { "yn": [ { "code": 1, "label": "Ya" }, { "code": 2, "label": "Tidak" } ] },
              "blocks": [
                { "id": "keluarga", "number": "K", "items": [
                  { "id": "kejar", "number": "1", "type": "select_one", "choices": "yn", "label": "Kejar?", "relevant": "${kejar} = 1", "not_relevant_value": 1 },
                  { "id": "nama", "number": "2", "type": "name", "label": "Nama?" }
                ] }
              ]
            }
            """);

        var error = Assert.Throws<InvalidOperationException>(() => Interview.Start(form, Guid.NewGuid(), "kader-1", "33.13.01.2001", Now, TimeSpan.FromHours(7)));

        Assert.Contains("did not settle", error.Message);
        Assert.Contains("kejar", error.Message);
    }

    [Theory]
    [InlineData(AnswerChangeKind.Set, "set")]
    [InlineData(AnswerChangeKind.Changed, "changed")]
    [InlineData(AnswerChangeKind.Dropped, "dropped")]
    [InlineData(AnswerChangeKind.Auto, "auto")]
    public void AuditKindsAreStoredAsTheWordsExistingRowsHold(AnswerChangeKind kind, string stored)
    {
        Assert.Equal(stored, kind.StoredText());
        Assert.Equal(kind, AnswerChangeKinds.FromStoredText(stored));
    }

    [Fact]
    public void AnUnknownStoredAuditWordReadsAsNothing() => Assert.Null(AnswerChangeKinds.FromStoredText("renamed"));
}
