using System.Globalization;
using System.Text;

namespace PK.Domain.Answers;

/// <summary>Shared clean-up of what a kader typed, before any type-specific parsing.</summary>
internal static class InputText
{
    /// <summary>Anything longer cannot be a sensible short answer; parsers give up early instead of scanning it.</summary>
    public const int MaxShortAnswer = 300;

    /// <summary>
    /// Drops control and invisible format characters (null, RTL marks, zero-width spaces) and broken
    /// surrogates, turns every kind of space into one plain space, trims, and normalises to NFC.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    Append(ref pendingSpace, sb, c);
                    sb.Append(text[++i]);
                }
                continue;
            }
            if (char.IsLowSurrogate(c)) continue;
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            var category = char.GetUnicodeCategory(c);
            // Keep the zero-width joiner: emoji sequences need it.
            if (category == UnicodeCategory.Control || (category == UnicodeCategory.Format && c != '\u200D')) continue;
            Append(ref pendingSpace, sb, c);
        }
        var cleaned = sb.ToString();
        return cleaned.IsNormalized(NormalizationForm.FormC) ? cleaned : cleaned.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The key a typed word is compared on: lower case, no diacritics, letters and digits only,
    /// each run of anything else one space ("Laki-laki" → "laki laki").
    /// </summary>
    public static string Fold(string cleaned)
    {
        var decomposed = cleaned.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) continue;
            if (char.IsLetterOrDigit(c)) Append(ref pendingSpace, sb, char.ToLowerInvariant(c));
            else pendingSpace = sb.Length > 0;
        }
        return sb.ToString();
    }

    /// <summary><see cref="Fold"/> without the spaces: "laki laki", "lakilaki" and "Laki-Laki" all become "lakilaki".</summary>
    public static string Squash(string folded) => folded.Replace(" ", "", StringComparison.Ordinal);

    public static bool HasLetterOrDigit(string text)
    {
        foreach (var c in text)
            if (char.IsLetterOrDigit(c)) return true;
        return false;
    }

    public static bool IsAsciiDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return false;
        foreach (var c in text)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static void Append(ref bool pendingSpace, StringBuilder sb, char c)
    {
        if (pendingSpace) sb.Append(' ');
        pendingSpace = false;
        sb.Append(c);
    }
}
