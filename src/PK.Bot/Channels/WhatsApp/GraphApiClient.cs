using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>The calls the bot makes to Meta's Graph API: send a message, get its wamid back; upload a file, get its media id back.</summary>
public sealed class GraphApiClient(IHttpClientFactory clients, IOptions<WhatsAppOptions> options)
{
    public const string HttpClientName = "WhatsApp.Graph";

    /// <returns>The wamid WhatsApp gave the message.</returns>
    /// <exception cref="GraphApiException">The API answered with an error, or could not be reached (<see cref="GraphApiException.Unreachable"/>).</exception>
    public async Task<string> SendAsync(GraphMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{o.ApiVersion}/{o.PhoneNumberId}/messages")
        {
            Content = JsonContent.Create(message, options: GraphMessage.Json),
        };
        return await CallAsync(request, Wamid, cancellationToken);
    }

    /// <summary><c>POST /{version}/{phone-number-id}/media</c> (multipart: file, type, messaging_product).</summary>
    /// <returns>The media id to send the file by.</returns>
    public async Task<string> UploadAsync(OutboxAttachment attachment, CancellationToken cancellationToken)
    {
        var o = options.Value;
        await using var stream = File.OpenRead(attachment.Path);
        var file = new StreamContent(stream);
        file.Headers.ContentType = new MediaTypeHeaderValue(attachment.ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{o.ApiVersion}/{o.PhoneNumberId}/media")
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent("whatsapp"), "messaging_product" },
                { new StringContent(attachment.ContentType), "type" },
                { file, "file", attachment.FileName },
            },
        };
        return await CallAsync(request, MediaId, cancellationToken);
    }

    private async Task<string> CallAsync(HttpRequestMessage request, Func<string, string?> result, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AccessToken);
        var http = clients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new GraphApiException(null, null, $"Graph API unreachable: {ex.Message}", null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GraphApiException(null, null, "Graph API did not answer in time", null, ex);
        }
        using (response)
        {
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new GraphApiException(null, null, $"Graph API connection dropped: {ex.Message}", null, ex);
            }
            if (response.IsSuccessStatusCode && result(body) is { } found) return found;
            var (code, text) = Error(body);
            throw new GraphApiException(response.StatusCode, code, text ?? $"HTTP {(int)response.StatusCode}", RetryAfter(response));
        }
    }

    private static string? MediaId(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Wamid(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
                && messages[0].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (int? Code, string? Message) Error(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("error", out var error)) return (null, null);
            int? code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
            var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta ? delta
        : response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow
        : null;
}

/// <summary>A send the Graph API refused or never answered; <see cref="Code"/> is Meta's error code.</summary>
public sealed class GraphApiException(HttpStatusCode? status, int? code, string message, TimeSpan? retryAfter, Exception? inner = null)
    : Exception(code is null ? message : $"Graph error {code}: {message}", inner)
{
    public const int WindowClosed = 131047;
    public const int NumberRateLimit = 130429;
    public const int PairRateLimit = 131056;

    public HttpStatusCode? Status { get; } = status;
    public int? Code { get; } = code;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>No answer at all: connection refused or dropped, or a timeout.</summary>
    public bool Unreachable => Status is null;

    /// <summary>Throughput limits: the number's (429, 130429, and the app-level 4 and 80007) or the pair's (131056).</summary>
    public bool NumberThrottled => Status == HttpStatusCode.TooManyRequests && Code != PairRateLimit || Code is NumberRateLimit or 4 or 80007;
    public bool PersonThrottled => Code == PairRateLimit;

    /// <summary>Meta's side is failing for now (5xx, or the "temporarily unavailable" codes).</summary>
    public bool Transient => Unreachable || (int?)Status >= 500 || Code is 1 or 2 or 131000 or 131016;

    /// <summary>The message itself was refused as malformed (a parameter out of bounds).</summary>
    public bool Malformed => Code is 100 or 131008 or 131009;
}
