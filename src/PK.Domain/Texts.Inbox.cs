namespace PK.Domain;

// What the `inbox` verbs print for the operator.
public static partial class Texts
{
    public const string InboxListWhich = "Sebutkan --failed: pesan masuk yang disisihkan karena tidak dapat diproses.";

    public static string InboxListCount(int count) => $"{count} pesan masuk disisihkan.";

    public const string InboxRetryWhich = "Sebutkan ID pesan masuk yang akan diproses ulang, atau --all.";

    public static string InboxRetryNothing(string what) => $"Tidak ada pesan masuk yang disisihkan untuk {what}.";

    public static string InboxRetried(int count) => $"{count} pesan masuk dikembalikan ke antrean; bot yang berjalan akan memprosesnya lagi.";
}
