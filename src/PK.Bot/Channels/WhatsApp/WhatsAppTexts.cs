namespace PK.Bot.Channels.WhatsApp;

/// <summary>What the WhatsApp channel itself says when it draws lists and buttons, in Bahasa Indonesia.</summary>
public static class WhatsAppTexts
{
    /// <summary>The button that opens a WhatsApp list (at most 20 characters).</summary>
    public const string ListButton = "Pilih jawaban";
    /// <summary>Heads the full labels when a button or list row had to be shortened.</summary>
    public const string FullChoices = "Pilihan:";
    /// <summary>Under a numbered list drawn in the text (more than 10 choices).</summary>
    public const string TypeNumber = "Ketik nomor pilihan Anda.";
}
