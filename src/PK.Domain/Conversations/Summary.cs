using System.Text;
using PK.Domain.Interviews;
using PK.Domain.Regions;

namespace PK.Domain.Conversations;

/// <summary>The whole family on one screen, numbered as /ubah takes it (<c>K.3</c>, <c>2.5</c>, <c>III.23</c>).</summary>
public static class Summary
{
    public static string Render(Interview interview, RegionDirectory regions)
    {
        var sb = new StringBuilder();
        sb.Append(Texts.SummaryTitle).Append(" — ").AppendLine(regions.NameOf(RegionCode.Parse(interview.Snapshot.RegionCode)));
        string? block = null;
        int? member = null;
        var skipped = interview.Snapshot.Skipped.ToHashSet();
        foreach (var key in interview.SummaryKeys())
        {
            var item = interview.Form.Item(key.ItemId);
            if (item.Block.Id != block || key.Member != member)
            {
                block = item.Block.Id;
                member = key.Member;
                sb.AppendLine();
                sb.AppendLine(member is { } m ? $"— {string.Format(Texts.MemberHeader, m)} —" : $"— {item.Block.Title} —");
            }
            var shown = interview.Answers.TryGetValue(key, out var value)
                ? AnswerText.Display(item, value) + (interview.IsAutoFilled(key) ? " " + Texts.SummaryAuto : "")
                : skipped.Contains(key.ToString()) ? Texts.SummarySkipped
                : Texts.SummaryUnanswered;
            sb.Append(item.DisplayNumber(key.Member)).Append(' ').Append(AnswerText.ShortLabel(item)).Append(": ").AppendLine(shown);
        }
        sb.AppendLine();
        sb.Append(interview.IsReviewing ? Texts.SummaryFooterComplete : Texts.SummaryFooterIncomplete);
        return sb.ToString();
    }
}
