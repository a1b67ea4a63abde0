using System.Text.Json;
using System.Text.Json.Nodes;

namespace PK.Domain.Forms;

/// <summary>Reads a form file and refuses it at load time when anything in it could fail a kader later.</summary>
public static class FormLoader
{
    private static readonly Dictionary<string, QuestionType> Types = new()
    {
        ["integer"] = QuestionType.Integer,
        ["decimal"] = QuestionType.Decimal,
        ["text"] = QuestionType.Text,
        ["name"] = QuestionType.Name,
        ["date"] = QuestionType.Date,
        ["birth_date"] = QuestionType.BirthDate,
        ["month_year"] = QuestionType.MonthYear,
        ["select_one"] = QuestionType.SelectOne,
        ["select_multiple"] = QuestionType.SelectMultiple,
        ["nik"] = QuestionType.Nik,
        ["phone"] = QuestionType.Phone,
        ["calculate"] = QuestionType.Calculate,
        ["note"] = QuestionType.Note,
    };

    private static readonly Lazy<FormDefinition> Pk21Form = new(() =>
    {
        using var stream = typeof(FormLoader).Assembly.GetManifestResourceStream("PK.Domain.Forms.pk21.form.json")
            ?? throw new FormLoadException("the PK21 form is not embedded in PK.Domain");
        using var reader = new StreamReader(stream);
        return Load(reader.ReadToEnd());
    });

    /// <summary>The PK21 form shipped with the bot.</summary>
    public static FormDefinition Pk21 => Pk21Form.Value;

    public static FormDefinition Load(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })?.AsObject()
                ?? throw new FormLoadException("the form file is empty");
        }
        catch (JsonException e)
        {
            throw new FormLoadException($"the form file is not valid JSON: {e.Message}");
        }

        var choiceLists = LoadChoices(root);
        var blocks = new List<FormBlock>();
        var items = new List<FormItem>();
        var byId = new Dictionary<string, FormItem>();
        var blockIds = new HashSet<string>();
        foreach (var blockNode in Array(root, "blocks", "the form"))
        {
            var b = blockNode!.AsObject();
            var blockId = Str(b, "id", "a block");
            if (!blockIds.Add(blockId)) throw new FormLoadException($"block '{blockId}': the id is used twice");
            var where = $"block '{blockId}'";
            var repeat = b["repeat"]?.AsObject();
            var block = new FormBlock
            {
                Id = blockId,
                Number = Str(b, "number", where),
                Title = Text(b["title"], where) ?? new LocalizedText(new Dictionary<string, string> { ["id"] = blockId }),
                Relevant = Expr(b, "relevant", where),
                RepeatCount = repeat is null ? null : Expr(repeat, "count", where) ?? throw new FormLoadException($"{where}: a repeat needs a count"),
                RepeatLabel = repeat is null ? null : Text(repeat["label"], where),
            };
            blocks.Add(block);
            var numbers = new HashSet<string>();
            foreach (var itemNode in Array(b, "items", where))
            {
                var item = LoadItem(itemNode!.AsObject(), block, items.Count, choiceLists);
                if (!byId.TryAdd(item.Id, item)) throw new FormLoadException($"item '{item.Id}': the id is used twice");
                if (!numbers.Add(item.Number)) throw new FormLoadException($"item '{item.Id}': number {block.Number}.{item.Number} is used twice");
                block.Items.Add(item);
                items.Add(item);
            }
        }
        if (blocks.Count(b => b.IsRepeat) > 1) throw new FormLoadException("the form may have one repeat block (the family members)");

        var form = new FormDefinition
        {
            Id = Str(root, "id", "the form"),
            Version = Str(root, "version", "the form"),
            Title = Text(root["title"], "the form") ?? new LocalizedText(new Dictionary<string, string> { ["id"] = "" }),
            Settings = LoadSettings(root),
            ChoiceLists = choiceLists,
            Blocks = blocks,
            Items = items,
            ItemsById = byId,
            FamilyKey = LoadFamilyKey(root, byId),
        };
        CheckReferences(form);
        return form;
    }

    private static FamilyKeyItems? LoadFamilyKey(JsonObject root, Dictionary<string, FormItem> byId)
    {
        if (root["family_key"] is not JsonObject k) return null;
        const string where = "family_key";
        FormItem Item(string role, bool member)
        {
            var id = Str(k, role, where);
            if (!byId.TryGetValue(id, out var item)) throw new FormLoadException($"{where}: '{role}' names unknown item '{id}'");
            if (!item.IsQuestion) throw new FormLoadException($"{where}: '{role}' item '{id}' is not a question");
            if (item.InRepeat != member) throw new FormLoadException($"{where}: '{role}' item '{id}' must {(member ? "" : "not ")}be a member item");
            return item;
        }
        var kkNik = Item("kk_nik", member: true);
        if (kkNik.Type != QuestionType.Nik) throw new FormLoadException($"{where}: 'kk_nik' item '{kkNik.Id}' must be of type nik");
        return new FamilyKeyItems(Item("rw", false).Id, Item("rt", false).Id, Item("house", false).Id, Item("order", false).Id, kkNik.Id);
    }

    private static void CheckReferences(FormDefinition form)
    {
        foreach (var block in form.Blocks)
            foreach (var expr in new[] { block.Relevant, block.RepeatCount }.OfType<FormExpression>())
                CheckFields(form, expr, $"block '{block.Id}'", inRepeat: false);
        foreach (var item in form.Items)
        {
            foreach (var expr in new[] { item.Relevant, item.Default, item.Calculation, item.FillWhen }.Concat(item.Constraints.Select(c => c.Expression)).OfType<FormExpression>())
                CheckFields(form, expr, $"item '{item.Id}'", item.InRepeat);
        }
    }

    private static void CheckFields(FormDefinition form, FormExpression expr, string where, bool inRepeat)
    {
        foreach (var field in expr.Fields)
        {
            if (!form.ItemsById.TryGetValue(field, out var target) && !form.Blocks.Any(b => b.Id == field))
                throw new FormLoadException($"{where}: the expression \"{expr.Source}\" refers to unknown field '{field}'");
            if (target is { InRepeat: true } && !inRepeat && !UsedInsideAggregate(expr.Source, field))
                throw new FormLoadException($"{where}: the member field '{field}' can only be used inside sum(), count(), max(), min() or indexed-repeat() here");
        }
        foreach (var name in SettingNames(expr.Source))
            if (!form.Settings.ContainsKey(name))
                throw new FormLoadException($"{where}: the expression \"{expr.Source}\" uses unknown setting '{name}'");
    }

    private static bool UsedInsideAggregate(string source, string field)
    {
        var reference = "${" + field + "}";
        var at = source.IndexOf(reference, StringComparison.Ordinal);
        while (at >= 0)
        {
            var before = source[..at].TrimEnd();
            if (!(before.EndsWith("sum(") || before.EndsWith("count(") || before.EndsWith("max(") || before.EndsWith("min(") || before.EndsWith("indexed-repeat(")))
                return false;
            at = source.IndexOf(reference, at + 1, StringComparison.Ordinal);
        }
        return true;
    }

    private static IEnumerable<string> SettingNames(string source)
    {
        var at = source.IndexOf("setting(", StringComparison.Ordinal);
        while (at >= 0)
        {
            var open = source.IndexOf('\'', at);
            var close = open < 0 ? -1 : source.IndexOf('\'', open + 1);
            if (close > open) yield return source[(open + 1)..close];
            at = source.IndexOf("setting(", at + 1, StringComparison.Ordinal);
        }
    }

    private static FormItem LoadItem(JsonObject o, FormBlock block, int order, IReadOnlyDictionary<string, IReadOnlyList<Choice>> lists)
    {
        var id = Str(o, "id", $"an item of block '{block.Id}'");
        var where = $"item '{id}'";
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z][a-z0-9_]*$"))
            throw new FormLoadException($"{where}: ids are lowercase letters, digits and '_'");
        var typeName = Str(o, "type", where);
        if (!Types.TryGetValue(typeName, out var type)) throw new FormLoadException($"{where}: unknown type '{typeName}'");
        var listName = o["choices"]?.GetValue<string>();
        IReadOnlyList<Choice>? choices = null;
        if (type is QuestionType.SelectOne or QuestionType.SelectMultiple)
        {
            if (listName is null) throw new FormLoadException($"{where}: a {typeName} needs a choice list");
            if (!lists.TryGetValue(listName, out choices)) throw new FormLoadException($"{where}: the choice list '{listName}' does not exist");
        }
        else if (listName is not null) throw new FormLoadException($"{where}: only select questions have choices");

        IntegerRange? range = null;
        if (o["range"] is JsonArray r)
        {
            if (r.Count != 2) throw new FormLoadException($"{where}: range is [min, max]");
            range = new IntegerRange(r[0]!.GetValue<long>(), r[1]!.GetValue<long>());
            if (range.Min > range.Max) throw new FormLoadException($"{where}: range min is above max");
        }
        var isQuestion = type is not (QuestionType.Calculate or QuestionType.Note);
        var item = new FormItem
        {
            Id = id,
            Number = o["number"]?.GetValue<string>() ?? (isQuestion ? throw new FormLoadException($"{where}: a question needs a number") : "_" + id),
            Type = type,
            Block = block,
            Order = order,
            Label = Text(o["label"], where) ?? (isQuestion ? throw new FormLoadException($"{where}: a question needs a label") : null),
            Hint = Text(o["hint"], where),
            ChoiceListName = listName,
            Choices = choices,
            Required = isQuestion && (o["required"]?.GetValue<bool>() ?? true),
            Relevant = Expr(o, "relevant", where),
            NotRelevantValue = o["not_relevant_value"]?.GetValue<int>(),
            FillWhen = Expr(o, "fill_when", where),
            Constraints = Constraints(o, where),
            Range = range,
            Default = Expr(o, "default", where),
            Calculation = Expr(o, "calculation", where),
        };
        if (type == QuestionType.Calculate && item.Calculation is null) throw new FormLoadException($"{where}: a calculate needs a calculation");
        if (item.FillWhen is not null && item.NotRelevantValue is null) throw new FormLoadException($"{where}: fill_when needs a not_relevant_value");
        if (item.NotRelevantValue is { } nrv && (choices is null || choices.All(c => c.Code != nrv)))
            throw new FormLoadException($"{where}: not_relevant_value {nrv} is not a code of its list");
        return item;
    }

    private static List<FormConstraint> Constraints(JsonObject o, string where)
    {
        var rules = new List<FormConstraint>();
        if (Expr(o, "constraint", where) is { } single)
            rules.Add(new FormConstraint(single, Text(o["constraint_message"], where) ?? throw new FormLoadException($"{where}: a constraint needs a constraint_message")));
        else if (o["constraint_message"] is not null)
            throw new FormLoadException($"{where}: a constraint_message without a constraint");
        if (o["constraints"] is JsonArray more)
        {
            foreach (var rule in more)
            {
                var r = rule!.AsObject();
                var expr = Expr(r, "constraint", where) ?? throw new FormLoadException($"{where}: each of 'constraints' needs a constraint");
                rules.Add(new FormConstraint(expr, Text(r["constraint_message"], where) ?? throw new FormLoadException($"{where}: the constraint \"{expr}\" needs a constraint_message")));
            }
        }
        return rules;
    }

    private static Dictionary<string, IReadOnlyList<Choice>> LoadChoices(JsonObject root)
    {
        var lists = new Dictionary<string, IReadOnlyList<Choice>>();
        foreach (var (name, node) in root["choices"]?.AsObject() ?? [])
        {
            var choices = new List<Choice>();
            foreach (var c in node?.AsArray() ?? throw new FormLoadException($"choice list '{name}' is empty"))
            {
                var o = c!.AsObject();
                var code = o["code"]?.GetValue<int>() ?? throw new FormLoadException($"choice list '{name}': an option has no code");
                if (choices.Any(x => x.Code == code)) throw new FormLoadException($"choice list '{name}': code {code} is used twice");
                var label = Text(o["label"], $"choice list '{name}'") ?? throw new FormLoadException($"choice list '{name}': code {code} has no label");
                var synonyms = o["synonyms"]?.AsArray().Select(s => s!.GetValue<string>()).ToArray();
                choices.Add(new Choice(code, label.Indonesian, synonyms));
            }
            if (choices.Count == 0) throw new FormLoadException($"choice list '{name}' is empty");
            lists[name] = choices;
        }
        return lists;
    }

    private static Dictionary<string, object> LoadSettings(JsonObject root)
    {
        var settings = new Dictionary<string, object>();
        foreach (var (name, node) in root["settings"]?.AsObject() ?? [])
        {
            settings[name] = node!.GetValueKind() switch
            {
                JsonValueKind.Number => node.GetValue<decimal>() is var d && d == Math.Floor(d) ? (object)(long)d : d,
                JsonValueKind.String => node.GetValue<string>(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new FormLoadException($"setting '{name}' must be a number, text or true/false"),
            };
        }
        return settings;
    }

    private static JsonArray Array(JsonObject o, string name, string where) =>
        o[name] as JsonArray ?? throw new FormLoadException($"{where}: '{name}' is missing or not a list");

    private static string Str(JsonObject o, string name, string where) =>
        o[name]?.GetValue<string>() is { Length: > 0 } s ? s : throw new FormLoadException($"{where}: '{name}' is missing");

    private static LocalizedText? Text(JsonNode? node, string where)
    {
        if (node is null) return null;
        if (node.GetValueKind() == JsonValueKind.String) return new LocalizedText(new Dictionary<string, string> { ["id"] = node.GetValue<string>() });
        var map = node.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
        if (!map.ContainsKey("id")) throw new FormLoadException($"{where}: a label needs its Bahasa Indonesia text ('id')");
        return new LocalizedText(map);
    }

    private static FormExpression? Expr(JsonObject o, string name, string where)
    {
        var node = o[name];
        if (node is null) return null;
        var source = node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
            _ => throw new FormLoadException($"{where}: '{name}' must be an expression"),
        };
        try
        {
            return FormExpression.Parse(source);
        }
        catch (FormatException e)
        {
            throw new FormLoadException($"{where}: {name} \"{source}\": {e.Message}");
        }
    }
}
