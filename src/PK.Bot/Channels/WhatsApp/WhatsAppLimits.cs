namespace PK.Bot.Channels.WhatsApp;

/// <summary>What the Cloud API accepts in one message. Every message is checked against these before it is sent.</summary>
public static class WhatsAppLimits
{
    public const int TextBody = 4096;
    public const int InteractiveBody = 1024;
    public const int Buttons = 3;
    public const int ButtonTitle = 20;
    public const int ButtonId = 256;
    public const int ListRows = 10;
    public const int RowTitle = 24;
    public const int RowDescription = 72;
    public const int RowId = 200;
    public const int ListButton = 20;
    public const int SectionTitle = 24;
    public const int TemplateParameter = 1024;
    public const int MediaCaption = 1024;

    /// <summary>The ways <paramref name="message"/> breaks WhatsApp's limits; empty when it may be sent.</summary>
    public static IReadOnlyList<string> Check(GraphMessage message)
    {
        var problems = new List<string>();
        void Length(string? value, int max, string what, int min = 1)
        {
            var length = value?.Length ?? 0;
            if (length < min || length > max) problems.Add($"{what} has {length} characters (allowed {min}–{max})");
        }
        if (string.IsNullOrWhiteSpace(message.To) || !message.To.All(char.IsAsciiDigit)) problems.Add("recipient is not a WhatsApp number");
        switch (message.Type)
        {
            case "text" when message.Text is { } text:
                Length(text.Body.Trim(), TextBody, "text body");
                break;
            case "interactive" when message.Interactive is { } interactive:
                Length(interactive.Body.Text.Trim(), InteractiveBody, "interactive body");
                if (interactive.Type == "button") CheckButtons(interactive.Action, problems, Length);
                else if (interactive.Type == "list") CheckList(interactive.Action, problems, Length);
                else if (interactive.Type == "flow") problems.AddRange(Flows.FlowMessages.Check(interactive));
                else problems.Add($"interactive type '{interactive.Type}' is not drawn by this bot");
                break;
            case "template" when message.Template is { } template:
                Length(template.Name, 512, "template name");
                Length(template.Language.Code, 8, "template language");
                foreach (var parameter in template.Components.SelectMany(c => c.Parameters))
                {
                    Length(parameter.Text, TemplateParameter, "template parameter");
                    if (parameter.Text.IndexOfAny(['\n', '\t']) >= 0 || parameter.Text.Contains("    "))
                        problems.Add("a template parameter holds a line break, a tab or more than 4 spaces in a row");
                }
                break;
            case "image" when message.Image is { } image:
                Length(image.Id, 256, "media id");
                Length(image.Caption, MediaCaption, "image caption", 0);
                break;
            case "document" when message.Document is { } document:
                Length(document.Id, 256, "media id");
                Length(document.Caption, MediaCaption, "document caption", 0);
                Length(document.Filename, 240, "document file name");
                break;
            default:
                problems.Add($"message of type '{message.Type}' has no matching content");
                break;
        }
        return problems;
    }

    private static void CheckButtons(GraphAction action, List<string> problems, Action<string?, int, string, int> length)
    {
        var buttons = action.Buttons ?? [];
        if (buttons.Count is < 1 or > Buttons) problems.Add($"{buttons.Count} buttons (allowed 1–{Buttons})");
        foreach (var b in buttons)
        {
            length(b.Reply.Title, ButtonTitle, "button title", 1);
            length(b.Reply.Id, ButtonId, "button id", 1);
        }
        if (buttons.Select(b => b.Reply.Title.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != buttons.Count)
            problems.Add("button titles are not unique");
        if (buttons.Select(b => b.Reply.Id).Distinct().Count() != buttons.Count) problems.Add("button ids are not unique");
    }

    private static void CheckList(GraphAction action, List<string> problems, Action<string?, int, string, int> length)
    {
        length(action.Button, ListButton, "list button", 1);
        var sections = action.Sections ?? [];
        var rows = sections.SelectMany(s => s.Rows).ToList();
        if (sections.Count == 0) problems.Add("a list without sections");
        if (sections.Count > 1 && sections.Any(s => string.IsNullOrEmpty(s.Title))) problems.Add("several sections need titles");
        foreach (var s in sections.Where(s => s.Title is not null)) length(s.Title, SectionTitle, "section title", 1);
        if (rows.Count is < 1 or > ListRows) problems.Add($"{rows.Count} rows (allowed 1–{ListRows})");
        foreach (var r in rows)
        {
            length(r.Title, RowTitle, "row title", 1);
            length(r.Id, RowId, "row id", 1);
            if (r.Description is not null) length(r.Description, RowDescription, "row description", 0);
        }
        if (rows.Select(r => r.Id).Distinct().Count() != rows.Count) problems.Add("row ids are not unique");
    }
}
