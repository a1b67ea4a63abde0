using PK.Domain.Answers;
using PK.Domain.Forms;
using PK.Domain.Interviews;

namespace PK.Domain.Conversations;

/// <summary>How answers, items and the interview's findings read in a chat: labels, echoes, problems, confirmations.</summary>
public static class AnswerText
{
    /// <summary>An item's label without its question mark, at most 60 characters.</summary>
    public static string ShortLabel(FormItem item)
    {
        var label = item.Label?.Indonesian ?? item.Id;
        var cut = label.IndexOf('?');
        label = (cut > 0 ? label[..cut] : label).Trim();
        return label.Length <= 60 ? label : label[..60].TrimEnd() + "…";
    }

    /// <summary>An answer as the kader reads it: choice labels, not codes.</summary>
    public static string Display(FormItem item, AnswerValue value) => value switch
    {
        ChoiceAnswer c => item.ChoiceLabel(c.Code),
        MultiChoiceAnswer m => string.Join(", ", m.Codes.Select(item.ChoiceLabel)),
        _ => value.ToString() ?? "",
    };

    /// <summary>The echo of a recorded answer ("✓ 1.3 Jenis kelamin: Perempuan"), and the parser's notice under it.</summary>
    public static IEnumerable<string> Echo(FormDefinition form, Recorded recorded)
    {
        var item = form.Item(recorded.Key.ItemId);
        yield return string.Format(Texts.Echo, item.DisplayNumber(recorded.Key.Member), ShortLabel(item), recorded.Value is { } v ? Display(item, v) : Texts.SummarySkipped);
        if (recorded.Notice is { } notice) yield return notice;
    }

    /// <summary>A problem named by its summary number and label, so the kader can /ubah it.</summary>
    public static string Problem(FormDefinition form, InterviewProblem problem)
    {
        var item = form.Item(problem.Key.ItemId);
        var number = item.DisplayNumber(problem.Key.Member);
        return problem.Kind switch
        {
            ProblemKind.Missing => string.Format(Texts.Missing, number, ShortLabel(item)),
            ProblemKind.NoLongerApplies => string.Format(Texts.NowBroken, number, ShortLabel(item), Texts.NoLongerApplies),
            _ => string.Format(Texts.NowBroken, number, ShortLabel(item), problem.Rule),
        };
    }

    /// <summary>Why a submission was refused, naming at most five problems.</summary>
    public static string NotComplete(FormDefinition form, IReadOnlyList<InterviewProblem> problems) =>
        string.Format(Texts.NotComplete, string.Join("; ", problems.Take(5).Select(p => Problem(form, p))));

    public static string Ask(FormDefinition form, Confirmation confirmation) => confirmation switch
    {
        Confirmation.Cancel => Texts.AskCancel,
        Confirmation.Duplicate d => string.Format(Texts.DuplicateFound, d.Description),
        Confirmation.Warning w => string.Format(Texts.WarningConfirm, w.Message, Display(form.Item(w.Key.ItemId), w.Value)),
        _ => throw new ArgumentOutOfRangeException(nameof(confirmation)),
    };
}
