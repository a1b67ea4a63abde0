using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace PK.Bot.Dashboard;

/// <summary>A small HTML writer: every text and attribute value goes through the encoder.</summary>
internal sealed class Html
{
    // Letters outside ASCII (—, ▲, names of places) stay as they are; markup characters are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder text = new();

    public static string E(string? value) => Encoder.Encode(value ?? "");

    /// <summary>Markup written as is: only literals of this assembly, never data.</summary>
    public Html Raw(string markup)
    {
        text.Append(markup);
        return this;
    }

    public Html Text(string? value)
    {
        text.Append(E(value));
        return this;
    }

    /// <summary><c>&lt;tag attr&gt;text&lt;/tag&gt;</c> with an encoded text.</summary>
    public Html Tag(string tag, string? value, string attributes = "")
    {
        text.Append('<').Append(tag);
        if (attributes.Length > 0) text.Append(' ').Append(attributes);
        text.Append('>').Append(E(value)).Append("</").Append(tag).Append('>');
        return this;
    }

    public Html Link(string href, string? value, string attributes = "")
    {
        text.Append("<a href=\"").Append(E(href)).Append('"');
        if (attributes.Length > 0) text.Append(' ').Append(attributes);
        text.Append('>').Append(E(value)).Append("</a>");
        return this;
    }

    public override string ToString() => text.ToString();
}
