using System.Text;
using System.Text.RegularExpressions;

namespace PK.Domain.Forms;

/// <summary>
/// An XLSForm expression (<c>${umur} &gt;= 10 and selected(${media}, 2)</c>), checked when the form loads
/// and evaluated by NCalc after a small translation of XLSForm's spelling into NCalc's.
/// </summary>
public sealed partial class FormExpression
{
    /// <summary>The functions the engine gives expressions (XLSForm's spelling).</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>
    {
        "selected", "count-selected", "if", "sum", "count", "max", "min", "position", "indexed-repeat",
        "age-years", "age-months", "today", "nik-sex", "nik-birth-date", "string-length", "setting",
        "not", "int", "coalesce",
    };

    /// <summary>Aggregates take a member field as a list of every member's value.</summary>
    public static readonly IReadOnlySet<string> Aggregates = new HashSet<string> { "sum", "count", "max", "min" };

    private FormExpression(string source, string translated, IReadOnlyList<string> fields)
    {
        Source = source;
        Translated = translated;
        Fields = fields;
    }

    /// <summary>As written in the form.</summary>
    public string Source { get; }

    /// <summary>As NCalc reads it.</summary>
    public string Translated { get; }

    /// <summary>The item ids referenced with <c>${…}</c>.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>As NCalc parsed it, once: evaluating starts from the tree instead of looking the text up in NCalc's cache.</summary>
    internal NCalc.LogicalExpression Parsed => _parsed ??= ParseTree(Translated);

    private NCalc.LogicalExpression? _parsed;

    /// <summary>An evaluation context of this expression waiting to be reused (see <see cref="Interviews.ExpressionEvaluator"/>).</summary>
    internal Interviews.ExpressionEvaluator.Slot? Spare;

    public bool UsesCandidate => Translated.Contains("[.]", StringComparison.Ordinal);

    public override string ToString() => Source;

    /// <summary>Translates and checks syntax and function names; the caller checks the field names.</summary>
    public static FormExpression Parse(string source)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\'' || c == '"')
            {
                var end = source.IndexOf(c, i + 1);
                if (end < 0) throw new FormatException("a string is not closed");
                sb.Append('\'').Append(source, i + 1, end - i - 1).Append('\'');
                i = end + 1;
            }
            else if (c == '$' && i + 1 < source.Length && source[i + 1] == '{')
            {
                var end = source.IndexOf('}', i);
                if (end < 0) throw new FormatException("a ${…} reference is not closed");
                var name = source[(i + 2)..end];
                if (!FieldName().IsMatch(name)) throw new FormatException($"'{name}' is not a field name");
                fields.Add(name);
                sb.Append('[').Append(name).Append(']');
                i = end + 1;
            }
            else if (c == '.' && (i + 1 >= source.Length || !char.IsAsciiDigit(source[i + 1])) &&
                     (i == 0 || !char.IsAsciiLetterOrDigit(source[i - 1])))
            {
                sb.Append("[.]");
                i++;
            }
            else if (char.IsAsciiLetter(c))
            {
                var start = i;
                while (i < source.Length && (char.IsAsciiLetterOrDigit(source[i]) || source[i] is '-' or '_')) i++;
                var word = source[start..i];
                var next = i;
                while (next < source.Length && source[next] == ' ') next++;
                var isCall = next < source.Length && source[next] == '(' && word is not ("and" or "or" or "div" or "mod");
                if (isCall)
                {
                    if (!Functions.Contains(word)) throw new FormatException($"unknown function '{word}()'");
                    sb.Append(word == "not" ? "not " : word.Replace('-', '_'));
                }
                else
                {
                    sb.Append(word switch
                    {
                        "and" or "or" or "true" or "false" => word,
                        "div" => "/",
                        "mod" => "%",
                        _ => throw new FormatException($"unexpected word '{word}' (fields are written ${{{word}}})"),
                    });
                }
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        var translated = sb.ToString();
        var check = new NCalc.Expression(translated);
        if (check.HasErrors()) throw new FormatException($"syntax error: {check.Error?.Message}");
        return new FormExpression(source, translated, fields.Distinct().ToArray());
    }

    private static NCalc.LogicalExpression ParseTree(string translated)
    {
        var e = new NCalc.Expression(translated);
        return e.HasErrors() || e.LogicalExpression is not { } tree ? throw new FormatException($"syntax error: {e.Error?.Message}") : tree;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex FieldName();
}
