namespace PK.Domain;

public static partial class Texts
{
    /// <summary>The button that opens a WhatsApp list (at most 20 characters).</summary>
    public const string WhatsAppListButton = "Pilih jawaban";
    /// <summary>Heads the full labels when a button or list row had to be shortened.</summary>
    public const string WhatsAppFullChoices = "Pilihan:";
    /// <summary>Under a numbered list drawn in the text (more than 10 choices).</summary>
    public const string WhatsAppTypeNumber = "Ketik nomor pilihan Anda.";
}
