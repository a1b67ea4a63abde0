using System.Globalization;
using System.Text.Json.Nodes;
using PK.Bot.Tests.Support;

namespace PK.Bot.Tests.WhatsApp.Flows;

/// <summary>
/// A kader's phone opening the last Flow message and submitting it, as WhatsApp would: the published Flow JSON drawn with the
/// message's data (init values), the kader's entries on top, <c>If</c> conditions evaluated (hidden fields are not sent), required
/// fields enforced, and the Footer's payload sent back as an <c>nfm_reply</c> webhook.
/// </summary>
public static class FlowKader
{
    /// <summary>The last flow message sent to <paramref name="from"/>: its screen id, data and token.</summary>
    public static (string FlowId, string Screen, JsonObject Data, string Token) LastFlow(WhatsAppBot wa, string from)
    {
        var message = wa.Graph.SentTo(from).Last(m => m.InteractiveType == "flow");
        var p = message.Payload["interactive"]!["action"]!["parameters"]!;
        return ((string)p["flow_id"]!, (string)p["flow_action_payload"]!["screen"]!, p["flow_action_payload"]!["data"]?.AsObject() ?? [], (string)p["flow_token"]!);
    }

    /// <summary>Fills the last Flow: <paramref name="entries"/> gives what the kader enters per field (null keeps what the screen shows).</summary>
    public static async Task<IReadOnlyList<GraphSentMessage>> SubmitAsync(WhatsAppBot wa, string from, Func<string, string?> entries, Func<JsonObject, JsonObject>? tamper = null)
    {
        var (flowId, screenId, data, token) = LastFlow(wa, from);
        var screen = wa.Graph.Flows[flowId].Screen(screenId) ?? throw new InvalidOperationException($"Flow {flowId} has no screen {screenId}");
        var form = new Dictionary<string, JsonNode?>();
        Fill(screen["layout"]!["children"]!.AsArray(), data, form, entries);
        var footer = FakeFlow.Components(screen["layout"]!["children"]!.AsArray()).Single(c => (string?)c["type"] == "Footer");
        var response = new JsonObject { ["flow_token"] = token };
        foreach (var (key, value) in footer["on-click-action"]!["payload"]!.AsObject())
        {
            var field = ((string)value!)[7..^1]; // ${form.x}
            if (form.TryGetValue(field, out var entered) && entered is not null) response[key] = entered.DeepClone();
        }
        response = tamper?.Invoke(response) ?? response;
        return await SendAsync(wa, from, response.ToJsonString());
    }

    /// <summary>Posts an nfm_reply carrying <paramref name="responseJson"/> and waits for every reply to it.</summary>
    public static async Task<IReadOnlyList<GraphSentMessage>> SendAsync(WhatsAppBot wa, string from, string responseJson)
    {
        var before = wa.Graph.SentTo(from).Count;
        var wamid = wa.NewWamid();
        var message = new JsonObject
        {
            ["context"] = new JsonObject { ["from"] = "6281100000000", ["id"] = "wamid.fake.flow" },
            ["from"] = from,
            ["id"] = wamid,
            ["timestamp"] = Webhooks.Now().ToString(CultureInfo.InvariantCulture),
            ["type"] = "interactive",
            ["interactive"] = new JsonObject
            {
                ["type"] = "nfm_reply",
                ["nfm_reply"] = new JsonObject { ["name"] = "flow", ["body"] = "Sent", ["response_json"] = responseJson },
            },
        };
        await wa.DeliverAsync(Webhooks.Envelope(message));
        await wa.WaitUntilAppliedAsync(wamid);
        await wa.Bot.WaitUntilOutboxIsEmptyAsync();
        return wa.Graph.SentTo(from).Skip(before).ToList();
    }

    private static void Fill(JsonArray children, JsonObject data, Dictionary<string, JsonNode?> form, Func<string, string?> entries)
    {
        foreach (var c in children)
        {
            var type = (string)c!["type"]!;
            if (type == "If")
            {
                if (Condition.IsTrue((string)c["condition"]!, form, data)) Fill(c["then"]!.AsArray(), data, form, entries);
                else if (c["else"] is JsonArray otherwise) Fill(otherwise, data, form, entries);
                continue;
            }
            if ((string?)c["name"] is not { } name) continue;
            JsonNode? value = c["init-value"] is JsonValue init && ((string)init!).StartsWith("${data.", StringComparison.Ordinal)
                ? data[((string)init!)[7..^1]]?.DeepClone() : null;
            if (entries(name) is { } entered)
                value = type == "CheckboxGroup" ? new JsonArray([.. entered.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => (JsonNode)e.Trim())]) : entered;
            var empty = value is null || (value is JsonValue v && (string?)v == "") || (value is JsonArray a && a.Count == 0);
            if (empty && (bool?)c["required"] == true) throw new InvalidOperationException($"The Flow would not submit: required field {name} is empty");
            if (type is "RadioButtonsGroup" or "Dropdown" && !empty && c["data-source"]!.AsArray().All(o => (string)o!["id"]! != (string)value!))
                throw new InvalidOperationException($"{name}: {value} is not an option");
            form[name] = empty ? null : value;
        }
    }

    /// <summary>Flow JSON conditions: ==, !=, &lt;, &gt;, &lt;=, &gt;=, &amp;&amp;, ||, parentheses, ${form.x}, ${data.x}, numbers and 'strings'.</summary>
    private sealed class Condition(string text, Dictionary<string, JsonNode?> form, JsonObject data)
    {
        private int _at;

        public static bool IsTrue(string text, Dictionary<string, JsonNode?> form, JsonObject data) => new Condition(text, form, data).Or() is true;

        private object? Or()
        {
            var left = And();
            while (Take("||")) left = (Truth(left) | Truth(And()));
            return left;
        }

        private object? And()
        {
            var left = Compare();
            while (Take("&&")) left = (Truth(left) & Truth(Compare()));
            return left;
        }

        private object? Compare()
        {
            var left = Operand();
            foreach (var op in new[] { "==", "!=", ">=", "<=", ">", "<" })
            {
                if (!Take(op)) continue;
                var right = Operand();
                return op switch
                {
                    "==" => Equals(Str(left), Str(right)),
                    "!=" => !Equals(Str(left), Str(right)),
                    ">=" => Num(left) >= Num(right),
                    "<=" => Num(left) <= Num(right),
                    ">" => Num(left) > Num(right),
                    _ => Num(left) < Num(right),
                };
            }
            return left;
        }

        private object? Operand()
        {
            Skip();
            if (Take("("))
            {
                var inner = Or();
                if (!Take(")")) throw new FormatException(text);
                return inner;
            }
            if (Take("'"))
            {
                var end = text.IndexOf('\'', _at);
                var s = text[_at..end];
                _at = end + 1;
                return s;
            }
            if (Take("${"))
            {
                var end = text.IndexOf('}', _at);
                var path = text[_at..end];
                _at = end + 1;
                var node = path.StartsWith("form.", StringComparison.Ordinal) ? form.GetValueOrDefault(path[5..]) : data[path[5..]];
                return node is JsonValue v ? (v.TryGetValue<double>(out var d) ? d : (object?)(string?)v) : null;
            }
            var start = _at;
            while (_at < text.Length && (char.IsAsciiDigit(text[_at]) || text[_at] == '.')) _at++;
            return double.Parse(text[start.._at], CultureInfo.InvariantCulture);
        }

        private static bool Truth(object? value) => value is true;
        private static string? Str(object? value) => value is double d ? d.ToString(CultureInfo.InvariantCulture) : (string?)value;
        private static double Num(object? value) => value switch { double d => d, string s when double.TryParse(s, CultureInfo.InvariantCulture, out var n) => n, _ => double.NaN };

        private void Skip()
        {
            while (_at < text.Length && text[_at] == ' ') _at++;
        }

        private bool Take(string token)
        {
            Skip();
            if (string.CompareOrdinal(text, _at, token, 0, token.Length) != 0) return false;
            _at += token.Length;
            return true;
        }
    }
}
