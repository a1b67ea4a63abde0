using System.Globalization;

namespace PK.Domain.Conversations;

/// <summary>
/// What a button sends back when pressed (Telegram callback data, a WhatsApp reply id): written when the button is drawn,
/// read when it is pressed. The text form is compact ASCII (≤ 40 characters) and must keep reading the buttons already
/// on phones: <c>a|shortId|key|code</c>, <c>m|shortId|key|code</c>, <c>p|n</c>, <c>y|ya</c>, <c>y|tidak</c>.
/// </summary>
public abstract record OptionToken
{
    private OptionToken() { }

    /// <summary>An answer to one question of one family: pressing it after the question moved on is stale.</summary>
    /// <param name="Family">The family's short id (<see cref="ConversationEngine.ShortId"/>).</param>
    /// <param name="Question">The answer key, e.g. <c>hubungan#2</c>.</param>
    /// <param name="Multiple">Drawn for a several-choice question (written <c>m</c> instead of <c>a</c>).</param>
    public sealed record Answer(string Family, string Question, int Code, bool Multiple = false) : OptionToken
    {
        public override string ToString() => $"{(Multiple ? "m" : "a")}|{Family}|{Question}|{Code.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Number <paramref name="Number"/> of the pick being asked (a desa, a family).</summary>
    public sealed record Pick(int Number) : OptionToken
    {
        public override string ToString() => "p|" + Number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Ya or Tidak to the confirmation being asked.</summary>
    public sealed record YesNo(bool Yes) : OptionToken
    {
        public override string ToString() => Yes ? "y|ya" : "y|tidak";
    }

    /// <summary>Reads what a button sent; null when it is nothing this bot draws (forged, or from a retired form).</summary>
    public static OptionToken? Read(string? data)
    {
        var parts = (data ?? "").Split('|');
        return parts switch
        {
            ["a" or "m", { Length: > 0 } family, { Length: > 0 } question, var code] when int.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var c)
                => new Answer(family, question, c, parts[0] == "m"),
            ["p", var n] when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) => new Pick(number),
            ["y", "ya"] => new YesNo(true),
            ["y", "tidak"] => new YesNo(false),
            _ => null,
        };
    }
}
