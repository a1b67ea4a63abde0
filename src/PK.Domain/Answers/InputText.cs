using System.Globalization;
using System.Text;

namespace PK.Domain.Answers;

/// <summary>Shared clean-up of what a kader typed, before any type-specific parsing.</summary>
internal static class InputText
{
    /// <summary>Anything longer cannot be a sensible short answer; parsers give up early instead of scanning it.</summary>
    public const int MaxShortAnswer = 300;

    /// <summary>
    /// Drops terminal control sequences whole (<c>ESC [ 2 J</c>, <c>ESC ] … BEL</c>: pasted from a terminal they would
    /// leave "[2J" behind), control and invisible format characters (null, RTL marks, zero-width spaces) and broken
    /// surrogates; writes decimal digits of any script (Arabic-Indic ٣, full-width ３, Devanagari ३) as ASCII digits;
    /// turns every kind of space into one plain space, trims, and normalises to NFC.
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
                    var rune = new Rune(c, text[i + 1]);
                    if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
                        Append(ref pendingSpace, sb, AsciiDigit(Rune.GetNumericValue(rune)));
                    else
                    {
                        Append(ref pendingSpace, sb, c);
                        sb.Append(text[i + 1]);
                    }
                    i++;
                }
                continue;
            }
            if (char.IsLowSurrogate(c)) continue;
            if (c is '\u001B' or >= '\u0080' and <= '\u009F')
            {
                i = EndOfControlSequence(text, i);
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            var category = char.GetUnicodeCategory(c);
            // Keep the zero-width joiner: emoji sequences need it.
            if (category == UnicodeCategory.Control || (category == UnicodeCategory.Format && c != '\u200D')) continue;
            if (category == UnicodeCategory.DecimalDigitNumber && !char.IsAsciiDigit(c))
            {
                Append(ref pendingSpace, sb, AsciiDigit(char.GetNumericValue(c)));
                continue;
            }
            Append(ref pendingSpace, sb, c);
        }
        var cleaned = sb.ToString();
        return cleaned.IsNormalized(NormalizationForm.FormC) ? cleaned : cleaned.Normalize(NormalizationForm.FormC);
    }

    private static char AsciiDigit(double value) => (char)('0' + (int)value);

    /// <summary>
    /// The index of the last character of the control sequence that starts at <paramref name="start"/> (an ESC or a
    /// C1 control), following ECMA-48: CSI (<c>ESC [</c> or U+009B) runs to its final byte; OSC, DCS, SOS, PM and APC
    /// (<c>ESC ] P X ^ _</c> or U+009D, U+0090, U+0098, U+009E, U+009F) run to BEL or ST; any other ESC takes its
    /// intermediate bytes and one final byte. A sequence left unfinished drops only its introducer (<c>ESC [</c>,
    /// <c>ESC ]</c>, a lone ESC), so a stray ESC cannot swallow the rest of a message.
    /// </summary>
    private static int EndOfControlSequence(string text, int start)
    {
        var c = text[start];
        var i = start + 1;
        var introducer = c == '\u001B' ? start + 1 : start;
        char kind;
        if (c == '\u001B')
        {
            if (i >= text.Length) return start;
            kind = text[i] switch
            {
                '[' => '\u009B',
                ']' => '\u009D',
                'P' => '\u0090',
                'X' => '\u0098',
                '^' => '\u009E',
                '_' => '\u009F',
                _ => '\0',
            };
            if (kind == '\0')
            {
                // nF / Fp / Fe / Fs: intermediates 0x20–0x2F, then one final byte 0x30–0x7E.
                while (i < text.Length && text[i] is >= ' ' and <= '/') i++;
                return i < text.Length && text[i] is >= '0' and <= '~' ? i : start;
            }
            i++;
        }
        else kind = c;

        if (kind == '\u009B')
        {
            // Parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, final byte 0x40–0x7E.
            while (i < text.Length && text[i] is >= '0' and <= '?') i++;
            while (i < text.Length && text[i] is >= ' ' and <= '/') i++;
            return i < text.Length && text[i] is >= '@' and <= '~' ? i : introducer;
        }
        if (kind is '\u009D' or '\u0090' or '\u0098' or '\u009E' or '\u009F')
        {
            for (var j = i; j < text.Length; j++)
            {
                if (text[j] is '\u0007' or '\u009C') return j;
                if (text[j] == '\u001B' && j + 1 < text.Length && text[j + 1] == '\\') return j + 1;
            }
            return introducer;
        }
        // Any other C1 control stands alone.
        return start;
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
