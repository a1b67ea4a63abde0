using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PK.Bot.Channels.WhatsApp;

/// <summary><c>GET /whatsapp/webhook</c> answers Meta's verification; <c>POST</c> checks the signature, stores, and only then says 200.</summary>
public static class WhatsAppWebhook
{
    public const string Path = "/whatsapp/webhook";
    /// <summary>Meta's deliveries are a few kilobytes; anything this big is not one of them.</summary>
    private const int MaxBody = 1024 * 1024;

    public static IEndpointRouteBuilder MapWhatsAppWebhook(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<WhatsAppOptions>>().Value.Configured) return app;
        app.MapGet(Path, Verify);
        app.MapPost(Path, ReceiveAsync);
        return app;
    }

    private static IResult Verify(HttpRequest request, IOptions<WhatsAppOptions> options)
    {
        var query = request.Query;
        var challenge = query["hub.challenge"].ToString();
        return query["hub.mode"] == "subscribe" && WebhookSignature.SameSecret(query["hub.verify_token"], options.Value.VerifyToken) && challenge.Length > 0
            ? Results.Text(challenge, "text/plain")
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, WhatsAppInbox inbox, IOptions<WhatsAppOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(WhatsAppWebhook));
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        // Nothing of the body is looked at before its signature holds.
        if (!WebhookSignature.IsValid(body, context.Request.Headers[WebhookSignature.Header], options.Value.AppSecret!))
        {
            logger.LogWarning("A WhatsApp webhook call with a missing or wrong signature was refused");
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        IReadOnlyList<WebhookItem> items;
        try
        {
            items = WebhookPayload.Parse(body, options.Value.PhoneNumberId!);
        }
        catch (JsonException)
        {
            logger.LogWarning("A signed WhatsApp webhook call was not JSON; refused");
            return Results.BadRequest();
        }
        var stored = await inbox.StoreAsync(items, context.RequestAborted);
        logger.LogDebug("WhatsApp webhook: {Items} items, {Stored} new", items.Count, stored);
        return Results.Ok();
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBody) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBody) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
