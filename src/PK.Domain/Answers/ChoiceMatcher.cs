using System.Globalization;
using System.Text;
using PK.Domain.Forms;

namespace PK.Domain.Answers;

/// <summary>
/// Resolves what a kader typed to one choice of a list: by number, by label, by synonym, by an
/// unambiguous beginning, by an abbreviation, by a small typo — in that order, and never guessing between two.
/// </summary>
internal sealed class ChoiceMatcher
{
    // Squashed and with letter runs collapsed (see Collapse): "iyaaa", "nggak", "t.b." reach these keys.
    private static readonly string[] YesWords = ["ya", "y", "iya", "yes", "benar", "betul", "nggih", "inggih", "iyo"];
    private static readonly string[] NoWords =
        ["tidak", "tdk", "t", "gak", "ga", "gk", "nggak", "enggak", "engga", "ngga", "no", "bukan", "ndak", "tak", "ora", "mboten"];
    private static readonly string[] NotApplicableWords = ["tb", "tidakberlaku", "tdkberlaku"];

    private readonly Entry[] _entries;
    private readonly Dictionary<string, int> _yesNoWords = [];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<Choice>, ChoiceMatcher> Matchers = [];

    /// <summary>The matcher of a choice list, built once per list (a form's lists live as long as the form).</summary>
    public static ChoiceMatcher For(IReadOnlyList<Choice> choices) => Matchers.GetValue(choices, c => new ChoiceMatcher(c));

    public ChoiceMatcher(IReadOnlyList<Choice> choices)
    {
        Choices = choices;
        _entries = choices.Select(Entry.Of).ToArray();
        var yes = CodeOfLabel("ya");
        var no = CodeOfLabel("tidak");
        if (yes is null || no is null) return;
        IsYesNo = true;
        foreach (var word in YesWords) _yesNoWords[Collapse(word)] = yes.Value;
        foreach (var word in NoWords) _yesNoWords[Collapse(word)] = no.Value;
        if (CodeOfLabel("tidak berlaku") is { } notApplicable)
        {
            HasNotApplicable = true;
            foreach (var word in NotApplicableWords) _yesNoWords[Collapse(word)] = notApplicable;
        }
    }

    public IReadOnlyList<Choice> Choices { get; }

    public IReadOnlyList<int> Codes => Choices.Select(c => c.Code).ToArray();

    /// <summary>A list whose labels include Ya and Tidak: it also takes iya, tdk, gak, tb and the like.</summary>
    public bool IsYesNo { get; }

    public bool HasNotApplicable { get; }

    public IEnumerable<Choice> ChoicesFor(IEnumerable<int> codes) =>
        codes.Select(code => Choices.First(c => c.Code == code));

    /// <summary>Resolves one item: "2", "02", "2. Perempuan", "perempuan", "pr", "perampuan".</summary>
    public ChoiceMatch Resolve(string cleaned)
    {
        if (cleaned.Length == 0 || cleaned.Length > InputText.MaxShortAnswer) return ChoiceMatch.NotFound;
        var folded = InputText.Fold(cleaned);
        if (folded.Length == 0) return ChoiceMatch.NotFound;

        var space = folded.IndexOf(' ');
        var first = space < 0 ? folded : folded[..space];
        if (!InputText.IsAsciiDigits(first)) return ResolveWords(folded);

        // A number, maybe followed by the label copied from the question: "2", "2. Perempuan".
        if (first.Length > 4) return ChoiceMatch.NumberNotInList;
        var code = int.Parse(first, NumberStyles.None, CultureInfo.InvariantCulture);
        if (!_entries.Any(e => e.Code == code)) return ChoiceMatch.NumberNotInList;
        if (space < 0) return ChoiceMatch.From([code]);
        var rest = folded[(space + 1)..];
        if (InputText.IsAsciiDigits(rest.Replace(" ", "", StringComparison.Ordinal))) return ChoiceMatch.NotFound;
        var byWords = ResolveWords(rest);
        if (byWords.Kind is MatchKind.Found or MatchKind.Ambiguous && byWords.Codes.Contains(code)) return ChoiceMatch.From([code]);
        // The number says one thing and the words another: ask which was meant.
        if (byWords.Kind == MatchKind.Found) return ChoiceMatch.From([code, byWords.Codes[0]]);
        return ChoiceMatch.NotFound;
    }

    private ChoiceMatch ResolveWords(string folded)
    {
        var squashed = InputText.Squash(folded);
        if (IsYesNo && _yesNoWords.TryGetValue(Collapse(squashed), out var yesNo)) return ChoiceMatch.From([yesNo]);

        var exact = CodesWhere(e => e.Label == squashed || e.Synonyms.Contains(squashed));
        if (exact.Count > 0) return ChoiceMatch.From(exact);

        var prefix = CodesWhere(e => e.Keys.Any(k => k.StartsWith(squashed, StringComparison.Ordinal)));
        if (prefix.Count > 0) return ChoiceMatch.From(prefix);

        // Every typed word begins some word of the label: "swasta" → Pegawai Swasta.
        var words = folded.Split(' ');
        if (words.All(w => w.Length >= 2))
        {
            var byWords = CodesWhere(e => words.All(w => e.Words.Any(lw => lw.StartsWith(w, StringComparison.Ordinal))));
            if (byWords.Count > 0) return ChoiceMatch.From(byWords);
        }

        // Short abbreviations keep the first letter and some consonants: "pr" → Perempuan, "lk" → Laki-laki.
        if (squashed.Length is >= 2 and <= 4)
        {
            var abbreviated = CodesWhere(e => e.Keys.Any(k => IsAbbreviationOf(squashed, k)));
            if (abbreviated.Count > 0) return ChoiceMatch.From(abbreviated);
        }

        if (squashed.Length < 3) return ChoiceMatch.NotFound;
        var best = int.MaxValue;
        var closest = new HashSet<int>();
        foreach (var entry in _entries)
        {
            // Keys of three letters or fewer (TNI, SD, TV) are too short to guess a slip in: "tani" is not TNI.
            foreach (var key in entry.Keys.Where(k => k.Length > 3))
            {
                var distance = Fuzzy.Distance(squashed, key);
                if (distance > Fuzzy.Tolerance(key.Length) || distance > best) continue;
                if (distance < best) closest.Clear();
                best = distance;
                closest.Add(entry.Code);
            }
        }
        return ChoiceMatch.From(closest);
    }

    private static bool IsAbbreviationOf(string typed, string key)
    {
        if (key.Length <= typed.Length || key[0] != typed[0] || typed.AsSpan(1).IndexOfAny("aeiou") >= 0) return false;
        var next = 1;
        for (var i = 1; i < key.Length && next < typed.Length; i++)
            if (key[i] == typed[next]) next++;
        return next == typed.Length;
    }

    private HashSet<int> CodesWhere(Func<Entry, bool> predicate) => _entries.Where(predicate).Select(e => e.Code).ToHashSet();

    private int? CodeOfLabel(string folded) =>
        _entries.FirstOrDefault(e => e.Label == InputText.Squash(folded)) is { } entry ? entry.Code : null;

    /// <summary>Runs of one letter become one: "iyaaa" → "iya", "nggak" → "ngak" (keys are collapsed the same way).</summary>
    private static string Collapse(string squashed)
    {
        var sb = new StringBuilder(squashed.Length);
        foreach (var c in squashed)
            if (sb.Length == 0 || sb[^1] != c) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>A choice's comparison keys: its label, each part of a slashed label ("TV/Radio" → tv, radio), its synonyms.</summary>
    private sealed record Entry(int Code, string Label, string[] Synonyms, string[] Keys, string[] Words)
    {
        public static Entry Of(Choice choice)
        {
            var label = InputText.Fold(InputText.Clean(choice.Label));
            var synonyms = (choice.Synonyms ?? []).Select(s => InputText.Squash(InputText.Fold(InputText.Clean(s))))
                .Where(s => s.Length > 0).ToArray();
            var parts = choice.Label.Split('/').Select(p => InputText.Squash(InputText.Fold(InputText.Clean(p))))
                .Where(p => p.Length > 0);
            var squashedLabel = InputText.Squash(label);
            var keys = parts.Prepend(squashedLabel).Concat(synonyms).Where(k => k.Length > 0).Distinct().ToArray();
            var words = label.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new Entry(choice.Code, squashedLabel, synonyms, keys, words);
        }
    }
}
