using System.Text.Json.Serialization;

namespace PK.Bot.Channels.WhatsApp;

[JsonConverter(typeof(JsonStringEnumConverter<TemplateKind>))]
public enum TemplateKind
{
    DailyReport,
    Reminder,
}

/// <summary>
/// An outbox entry that stands in front of a free-form reply: outside the 24-hour window it goes as the approved
/// template (which may be sent any time); inside the window it is skipped, because the full text can go at once.
/// It rides in the outbox as <see cref="OutboxPayload.Template"/>.
/// </summary>
public sealed record TemplateNotice(TemplateKind Kind, IReadOnlyList<string> Parameters)
{
    /// <summary>The template message, with parameters made acceptable (no line breaks, tabs or runs of spaces; at most 1,024 characters).</summary>
    public GraphMessage ToMessage(string to, WhatsAppTemplateOptions templates)
    {
        var name = Kind == TemplateKind.DailyReport ? templates.DailyReport : templates.Reminder;
        var parameters = Parameters.Select(p => new GraphParameter(Clean(p))).ToList();
        IReadOnlyList<GraphComponent> components = parameters.Count == 0 ? [] : [new GraphComponent("body", parameters)];
        return new GraphMessage(to, "template", Template: new GraphTemplate(name ?? "", new GraphLanguage(templates.Language), components));
    }

    internal static string Clean(string parameter)
    {
        var flat = string.Join(" ", parameter.Split(['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length == 0) flat = "-";
        return WhatsAppRenderer.Shorten(flat, WhatsAppLimits.TemplateParameter);
    }
}
