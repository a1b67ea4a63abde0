using System.Text.Json;
using System.Text.Json.Serialization;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>The body of <c>POST /{version}/{phone-number-id}/messages</c>: one text, interactive, template, image or document message.</summary>
public sealed record GraphMessage(string To, string Type, GraphText? Text = null, GraphInteractive? Interactive = null, GraphTemplate? Template = null,
    GraphMedia? Image = null, GraphMedia? Document = null)
{
    public string MessagingProduct => "whatsapp";
    public string RecipientType => "individual";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static GraphMessage OfText(string to, string body) => new(to, "text", Text: new GraphText(body));

    /// <summary>An uploaded file (<paramref name="mediaId"/> from <c>/media</c>) as an image or a document.</summary>
    public static GraphMessage OfMedia(string to, AttachmentKind kind, string mediaId, string caption, string fileName) => kind == AttachmentKind.Photo
        ? new(to, "image", Image: new GraphMedia(mediaId, caption))
        : new(to, "document", Document: new GraphMedia(mediaId, caption, fileName));
}

/// <summary>A media object by id; <see cref="Filename"/> only for documents (what the person's phone saves it as).</summary>
public sealed record GraphMedia(string Id, string? Caption = null, string? Filename = null);

public sealed record GraphText(string Body)
{
    public bool PreviewUrl => false;
}

/// <summary>Type is <c>button</c> (up to 3 reply buttons) or <c>list</c> (up to 10 rows).</summary>
public sealed record GraphInteractive(string Type, GraphBody Body, GraphAction Action);

public sealed record GraphBody(string Text);

/// <summary>Buttons, or a list's button and sections, or (<see cref="Name"/> <c>flow</c>) a Flow's parameters.</summary>
public sealed record GraphAction(IReadOnlyList<GraphButton>? Buttons = null, string? Button = null, IReadOnlyList<GraphSection>? Sections = null,
    string? Name = null, Flows.GraphFlowParameters? Parameters = null);

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
