using System.Text.Json;
using System.Text.Json.Serialization;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>The body of <c>POST /{version}/{phone-number-id}/messages</c>: one text, interactive or template message.</summary>
public sealed record GraphMessage(string To, string Type, GraphText? Text = null, GraphInteractive? Interactive = null, GraphTemplate? Template = null)
{
    public string MessagingProduct => "whatsapp";
    public string RecipientType => "individual";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static GraphMessage OfText(string to, string body) => new(to, "text", Text: new GraphText(body));
}

public sealed record GraphText(string Body)
{
    public bool PreviewUrl => false;
}

/// <summary>Type is <c>button</c> (up to 3 reply buttons) or <c>list</c> (up to 10 rows).</summary>
public sealed record GraphInteractive(string Type, GraphBody Body, GraphAction Action);

public sealed record GraphBody(string Text);

public sealed record GraphAction(IReadOnlyList<GraphButton>? Buttons = null, string? Button = null, IReadOnlyList<GraphSection>? Sections = null);

public sealed record GraphButton(GraphReply Reply)
{
    public string Type => "reply";
}

public sealed record GraphReply(string Id, string Title);

public sealed record GraphSection(IReadOnlyList<GraphRow> Rows, string? Title = null);

public sealed record GraphRow(string Id, string Title, string? Description = null);

public sealed record GraphTemplate(string Name, GraphLanguage Language, IReadOnlyList<GraphComponent> Components);

public sealed record GraphLanguage(string Code);

public sealed record GraphComponent(string Type, IReadOnlyList<GraphParameter> Parameters);

public sealed record GraphParameter(string Text)
{
    public string Type => "text";
}
