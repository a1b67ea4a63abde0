namespace PK.Bot.Channels.WhatsApp.Flows;

/// <summary>
/// The <c>WhatsApp:Flows</c> section. A screen kind whose Flow id is set in <see cref="Ids"/> (<c>WhatsApp:Flows:Ids:anggota</c>)
/// is drawn as a WhatsApp Flow; the others, and everything when none is set, are asked in chat as before.
/// </summary>
public sealed class WhatsAppFlowOptions
{
    public const string Section = "WhatsApp:Flows";

    /// <summary>Flow id per screen kind (<c>keluarga</c>, <c>anggota</c>, <c>kb</c>, <c>pk-1</c>, …), as <c>whatsapp flows publish</c> prints them.</summary>
    public Dictionary<string, string> Ids { get; set; } = [];

    /// <summary>The WhatsApp Business Account that owns the Flows (for <c>whatsapp flows publish</c> only).</summary>
    public string? WabaId { get; set; }

    /// <summary>Prefix of the Flows' names in WhatsApp Manager.</summary>
    public string NamePrefix { get; set; } = "pk21";

    /// <summary>Flow ids are numeric; anything else (an example's placeholder) counts as not set.</summary>
    public bool Configured => Ids.Values.Any(IsId);

    public string? IdOf(string kind) => Ids.TryGetValue(kind, out var id) && IsId(id) ? id : null;

    private static bool IsId(string? id) => !string.IsNullOrWhiteSpace(id) && id.All(char.IsAsciiDigit);
}
