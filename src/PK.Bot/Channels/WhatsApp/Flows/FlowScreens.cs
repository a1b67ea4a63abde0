using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PK.Domain;
using PK.Domain.Answers;
using PK.Domain.Forms;
using PK.Domain.Interviews;

namespace PK.Bot.Channels.WhatsApp.Flows;

/// <summary>One screen kind: a block, or a part of a long block, drawn as one WhatsApp Flow.</summary>
/// <param name="Kind">The block's id, with <c>-1</c>, <c>-2</c>… when the block is split (<c>pk-1</c>).</param>
/// <param name="Items">Its questions and notes, in form order.</param>
public sealed record FlowPart(string Kind, FormBlock Block, IReadOnlyList<FormItem> Items)
{
    /// <summary>The Flow's only screen (Flow screen ids are upper case letters and underscores).</summary>
    public string ScreenId => Kind.ToUpperInvariant().Replace('-', '_');

    public bool IsMember => Block.IsRepeat;

    /// <summary>The questions the screen asks for <paramref name="member"/> (null outside the member block).</summary>
    public IEnumerable<AnswerKey> Keys(int? member) => Items.Where(i => i.IsQuestion).Select(i => new AnswerKey(i.Id, IsMember ? member : null));
}

/// <summary>
/// The form cut into Flow screens and each drawn as Flow JSON, from the form definition alone: labels, choices, required,
/// and skip logic within a screen as <c>If</c> components (Flow JSON 4.0 and later). A condition that cannot be written
/// in Flow JSON leaves its item always shown and optional; the engine drops the answer if the item does not apply and asks
/// in chat what the screen could not.
/// </summary>
public static partial class FlowScreens
{
    /// <summary>The Flow JSON version the screens are written in (If components need 4.0; Meta recommends 7.3).</summary>
    public const string JsonVersion = "7.3";
    /// <summary>Meta's limit of components per screen, with room for the heading and the footer.</summary>
    public const int ComponentBudget = 48;
    public const int TextInputLabel = 20;
    public const int DropdownLabel = 20;
    public const int RadioLabel = 30;
    public const int OptionTitle = 30;
    public const int HelperText = 80;
    public const int ScreenTitle = 30;

    /// <summary>Blocks become screens in form order; a block too long for one screen is split between items.</summary>
    public static IReadOnlyList<FlowPart> Parts(FormDefinition form)
    {
        var parts = new List<FlowPart>();
        foreach (var block in form.Blocks)
        {
            var items = block.Items.Where(i => i.IsQuestion || i.Type == QuestionType.Note).ToList();
            if (items.Count == 0) continue;
            var chunks = new List<List<FormItem>> { new() };
            var used = 0;
            FormItem? previous = null;
            foreach (var item in items)
            {
                var cost = Cost(item, previous);
                previous = item;
                if (used + cost > ComponentBudget && chunks[^1].Count > 0)
                {
                    chunks.Add([]);
                    used = 0;
                }
                chunks[^1].Add(item);
                used += cost;
            }
            for (var i = 0; i < chunks.Count; i++)
                parts.Add(new FlowPart(chunks.Count == 1 ? block.Id : $"{block.Id}-{i + 1}", block, chunks[i]));
        }
        return parts;
    }

    /// <summary>The part that asks <paramref name="itemId"/>.</summary>
    public static FlowPart? PartOf(IReadOnlyList<FlowPart> parts, string itemId) => parts.FirstOrDefault(p => p.Items.Any(i => i.Id == itemId));

    /// <summary>Components an item adds: its field, the full question when the label is cut, an If unless it shares the previous item's.</summary>
    private static int Cost(FormItem item, FormItem? previous) =>
        1 + (NeedsFullLabel(item) ? 1 : 0) + (item.Relevant is null || item.Relevant.Source == previous?.Relevant?.Source ? 0 : 1);

    // ---- Flow JSON ------------------------------------------------------------------------

    /// <summary>The Flow JSON of one screen kind.</summary>
    public static JsonObject FlowJson(FlowPart part)
    {
        var onScreen = part.Items.Where(i => i.IsQuestion).Select(i => i.Id).ToHashSet();
        var data = new JsonObject { ["title"] = new JsonObject { ["type"] = "string", ["__example__"] = part.Block.Title.Indonesian } };
        var children = new JsonArray { new JsonObject { ["type"] = "TextSubheading", ["text"] = "${data.title}" } };
        var payload = new JsonObject();
        foreach (var item in part.Items)
        {
            var components = Components(item, data, required: item.Required && item.Relevant is null);
            if (item.IsQuestion) payload[item.Id] = $"${{form.{item.Id}}}";
            if (item.Relevant is { } relevant && Condition(relevant, part, onScreen, data) is { } condition)
            {
                // Consecutive items under the same condition share one If.
                if (children[^1] is JsonObject { } last && (string?)last["type"] == "If" && (string?)last["condition"] == condition)
                    foreach (var c in components) last["then"]!.AsArray().Add(c);
                else
                    children.Add(new JsonObject { ["type"] = "If", ["condition"] = condition, ["then"] = new JsonArray([.. components]) });
            }
            else
                foreach (var c in components) children.Add(c);
        }
        children.Add(new JsonObject
        {
            ["type"] = "Footer",
            ["label"] = Texts.FormSubmit,
            ["on-click-action"] = new JsonObject { ["name"] = "complete", ["payload"] = payload },
        });
        return new JsonObject
        {
            ["version"] = JsonVersion,
            ["screens"] = new JsonArray(new JsonObject
            {
                ["id"] = part.ScreenId,
                ["title"] = Shorten(part.Block.Title.Indonesian, ScreenTitle),
                ["terminal"] = true,
                ["success"] = true,
                ["data"] = data,
                ["layout"] = new JsonObject { ["type"] = "SingleColumnLayout", ["children"] = children },
            }),
        };
    }

    /// <summary>The data a screen opens with: its title, each item's current answer or proposal, and the values of other screens' items its conditions read.</summary>
    public static Dictionary<string, object> Data(FlowPart part, Interview interview, int? member, string title)
    {
        var declared = FlowJson(part)["screens"]![0]!["data"]!.AsObject();
        var data = new Dictionary<string, object>();
        foreach (var (name, declaration) in declared)
        {
            var type = (string)declaration!["type"]!;
            if (name == "title") data[name] = title;
            else if (name.StartsWith(InitPrefix, StringComparison.Ordinal))
            {
                var key = new AnswerKey(name[InitPrefix.Length..], part.IsMember ? member : null);
                var proposal = interview.IsRelevant(key) ? interview.Proposal(key) : null;
                data[name] = type == "array" ? (proposal is MultiChoiceAnswer m ? m.Codes.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray() : Array.Empty<string>())
                    : Prefill(proposal);
            }
            else if (name.StartsWith(ValuePrefix, StringComparison.Ordinal))
                data[name] = Number(interview.ValueOf(name[ValuePrefix.Length..], part.IsMember ? member : null));
        }
        return data;
    }

    private const string InitPrefix = "init_";
    private const string ValuePrefix = "v_";

    /// <summary>An answer as the field shows it, in a form the same parser reads back.</summary>
    internal static string Prefill(AnswerValue? value) => value switch
    {
        null => "",
        NumberAnswer n => n.Value.ToString(CultureInfo.InvariantCulture),
        DecimalAnswer d => d.Value.ToString(CultureInfo.InvariantCulture),
        NikAnswer nik => nik.Nik ?? "",
        PhoneAnswer p => p.ToString(),
        MonthYearAnswer my => $"{my.Month}/{my.Year}",
        _ => value.ToString() ?? "",
    };

    private static double Number(object? value) => value switch
    {
        null => -1,
        bool b => b ? 1 : 0,
        long or int or double or decimal or float => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => -1,
    };

    private static List<JsonObject> Components(FormItem item, JsonObject data, bool required)
    {
        var result = new List<JsonObject>();
        var full = $"{item.Number}. {item.Label?.Indonesian ?? item.Id}";
        if (item.Type == QuestionType.Note)
        {
            result.Add(new JsonObject { ["type"] = "TextBody", ["text"] = full });
            return result;
        }
        if (NeedsFullLabel(item)) result.Add(new JsonObject { ["type"] = "TextBody", ["text"] = full });
        var max = LabelLimit(item);
        var init = InitPrefix + item.Id;
        JsonObject field;
        switch (item.Type)
        {
            case QuestionType.SelectOne:
                field = new JsonObject
                {
                    ["type"] = item.Choices!.Count <= 4 ? "RadioButtonsGroup" : "Dropdown",
                    ["data-source"] = Options(item),
                };
                data[init] = new JsonObject { ["type"] = "string", ["__example__"] = "" };
                break;
            case QuestionType.SelectMultiple:
                field = new JsonObject { ["type"] = "CheckboxGroup", ["data-source"] = Options(item) };
                data[init] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["__example__"] = new JsonArray() };
                break;
            default:
                field = new JsonObject
                {
                    ["type"] = "TextInput",
                    ["input-type"] = item.Type switch
                    {
                        QuestionType.Integer or QuestionType.Decimal => "number",
                        QuestionType.Phone => "phone",
                        _ => "text",
                    },
                };
                var help = HelperOf(item);
                if (help is not null) field["helper-text"] = Shorten(help, HelperText);
                data[init] = new JsonObject { ["type"] = "string", ["__example__"] = "" };
                break;
        }
        field["name"] = item.Id;
        field["label"] = Shorten(full, max);
        field["required"] = required;
        field["init-value"] = $"${{data.{init}}}";
        result.Add(field);
        return result;
    }

    /// <summary>A text field's helper: the full question when the label had to be shortened, the range of a number, the hint or how to write a date.</summary>
    private static string? HelperOf(FormItem item)
    {
        var help = item.Type switch
        {
            QuestionType.Date or QuestionType.BirthDate => Texts.FormDateHelp,
            QuestionType.MonthYear => Texts.FormMonthYearHelp,
            _ => item.Hint?.Indonesian is { } hint && !ChatOnly(hint) ? hint : null,
        };
        if (item.Range is { } range)
        {
            var allowed = string.Format(CultureInfo.InvariantCulture, Texts.FormRange, range.Min, range.Max);
            help = help is null ? allowed : $"{allowed}. {help}";
        }
        if (IsTextField(item) && FullLabel(item).Length > TextInputLabel)
            help = help is null ? FullLabel(item) : $"{FullLabel(item)} {help}";
        return help;
    }

    /// <summary>A hint about typing in chat (a command, several answers in one message) means nothing on a form.</summary>
    private static bool ChatOnly(string hint) => hint.Contains("/lewati", StringComparison.Ordinal) || hint.Contains("sekaligus", StringComparison.Ordinal);

    private static bool IsTextField(FormItem item) => item.Type is not (QuestionType.SelectOne or QuestionType.SelectMultiple or QuestionType.Note);

    private static string FullLabel(FormItem item) => $"{item.Number}. {item.Label?.Indonesian ?? item.Id}";

    private static JsonArray Options(FormItem item) => new([.. item.Choices!.Select(c =>
    {
        var option = new JsonObject { ["id"] = c.Code.ToString(CultureInfo.InvariantCulture), ["title"] = Shorten(c.Label, OptionTitle) };
        if (c.Label.Length > OptionTitle) option["description"] = c.Label;
        return (JsonNode)option;
    })]);

    private static int LabelLimit(FormItem item) => item.Type switch
    {
        QuestionType.SelectOne when item.Choices!.Count <= 4 => RadioLabel,
        QuestionType.SelectMultiple => RadioLabel,
        QuestionType.SelectOne => DropdownLabel,
        _ => TextInputLabel,
    };

    /// <summary>A shortened label is preceded by the full question, unless a text field's helper can carry it.</summary>
    private static bool NeedsFullLabel(FormItem item) =>
        item.Type != QuestionType.Note && FullLabel(item).Length > LabelLimit(item) && (!IsTextField(item) || HelperOf(item)!.Length > HelperText);

    internal static string Shorten(string text, int max)
    {
        text = text.Replace('\n', ' ').Trim();
        return text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
    }

    // ---- conditions -----------------------------------------------------------------------

    [GeneratedRegex(@"\s*(\$\{(?<field>[a-z0-9_]+)\}|(?<number>\d+)|(?<op>!=|>=|<=|=|>|<)|(?<word>and|or)\b|(?<paren>[()]))\s*")]
    private static partial Regex ConditionToken();

    /// <summary>
    /// The form's relevance as a Flow JSON condition, or null when it cannot be written there. Choices on this screen compare
    /// as strings (<c>${form.status_kawin} == '2'</c>); items of other screens are passed in as numbers (<c>${data.v_jumlah_pasangan}</c>).
    /// Numbers typed on this screen are not compared (a text field's value is a string), so such an item is always shown.
    /// </summary>
    internal static string? Condition(FormExpression expression, FlowPart part, IReadOnlySet<string> onScreen, JsonObject data)
    {
        var source = expression.Source;
        var sb = new StringBuilder();
        var at = 0;
        var quoteNext = false;
        var declared = new List<string>();
        while (at < source.Length)
        {
            var m = ConditionToken().Match(source, at);
            if (!m.Success || m.Index != at) return null;
            at += m.Length;
            if (m.Groups["field"].Success)
            {
                var id = m.Groups["field"].Value;
                var item = part.Items.FirstOrDefault(i => i.Id == id);
                if (onScreen.Contains(id))
                {
                    if (item?.Type != QuestionType.SelectOne) return null;
                    sb.Append($"${{form.{id}}}");
                    quoteNext = true;
                }
                else
                {
                    sb.Append($"${{data.{ValuePrefix}{id}}}");
                    declared.Add(ValuePrefix + id);
                    quoteNext = false;
                }
            }
            else if (m.Groups["number"].Success)
            {
                sb.Append(quoteNext ? $"'{m.Groups["number"].Value}'" : m.Groups["number"].Value);
                quoteNext = false;
            }
            else if (m.Groups["op"].Success)
            {
                var op = m.Groups["op"].Value;
                if (quoteNext && op is not ("=" or "!=")) return null;
                sb.Append(' ').Append(op == "=" ? "==" : op).Append(' ');
            }
            else if (m.Groups["word"].Success) sb.Append(m.Groups["word"].Value == "and" ? " && " : " || ");
            else sb.Append(m.Groups["paren"].Value);
        }
        foreach (var name in declared) data[name] = new JsonObject { ["type"] = "number", ["__example__"] = 0 };
        return $"({sb.ToString().Trim()})";
    }
}
