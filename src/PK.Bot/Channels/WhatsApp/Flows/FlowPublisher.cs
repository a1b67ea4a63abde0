using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PK.Domain.Forms;

namespace PK.Bot.Channels.WhatsApp.Flows;

/// <summary>
/// Writes the Flow JSON of every screen kind (<c>whatsapp flows export DIR</c>), or creates, updates and publishes them
/// through the Graph API's Flow endpoints (<c>whatsapp flows publish</c>): <c>POST /{WABA-ID}/flows</c> for a kind without
/// an id, <c>POST /{FLOW-ID}/assets</c> (multipart <c>flow.json</c>, <c>asset_type=FLOW_JSON</c>), <c>POST /{FLOW-ID}/publish</c>.
/// </summary>
public static class FlowPublisher
{
    public static IReadOnlyList<string> Export(FormDefinition form, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var part in FlowScreens.Parts(form))
        {
            var path = Path.Combine(directory, $"{part.Kind}.json");
            File.WriteAllText(path, FlowScreens.FlowJson(part).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            written.Add(path);
        }
        return written;
    }

    /// <returns>The Flow id of every screen kind, to be set as <c>WhatsApp:Flows:Ids:KIND</c>.</returns>
    /// <exception cref="InvalidOperationException">The Graph API refused a step (its message, and any validation errors of the Flow JSON).</exception>
    public static async Task<IReadOnlyDictionary<string, string>> PublishAsync(HttpClient http, WhatsAppOptions whatsApp, WhatsAppFlowOptions flows, FormDefinition form, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>();
        foreach (var part in FlowScreens.Parts(form))
        {
            var id = flows.IdOf(part.Kind);
            if (id is null)
            {
                if (string.IsNullOrWhiteSpace(flows.WabaId)) throw new InvalidOperationException($"{WhatsAppFlowOptions.Section}:WabaId is needed to create the Flow '{part.Kind}'.");
                var created = await CallAsync(http, whatsApp, $"{whatsApp.ApiVersion}/{flows.WabaId}/flows",
                    JsonContent.Create(new { name = $"{flows.NamePrefix}-{part.Kind}", categories = new[] { "OTHER" } }), cancellationToken);
                id = (string?)created["id"] ?? throw new InvalidOperationException($"Creating the Flow '{part.Kind}' gave no id.");
            }
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(FlowScreens.FlowJson(part).ToJsonString()));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var uploaded = await CallAsync(http, whatsApp, $"{whatsApp.ApiVersion}/{id}/assets", new MultipartFormDataContent
            {
                { new StringContent("flow.json"), "name" },
                { new StringContent("FLOW_JSON"), "asset_type" },
                { file, "file", "flow.json" },
            }, cancellationToken);
            if (uploaded["validation_errors"] is JsonArray { Count: > 0 } errors)
                throw new InvalidOperationException($"The Flow JSON of '{part.Kind}' was refused: {errors.ToJsonString()}");
            await CallAsync(http, whatsApp, $"{whatsApp.ApiVersion}/{id}/publish", null, cancellationToken);
            ids[part.Kind] = id;
        }
        return ids;
    }

    private static async Task<JsonObject> CallAsync(HttpClient http, WhatsAppOptions whatsApp, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(whatsApp.ApiBase, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", whatsApp.AccessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
        }
        if (!response.IsSuccessStatusCode || json is null)
            throw new InvalidOperationException($"POST {path}: HTTP {(int)response.StatusCode} {(string?)json?["error"]?["message"] ?? ""}".TrimEnd());
        return json;
    }
}
