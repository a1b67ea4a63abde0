using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PK.Bot.Persistence;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PK.Bot.Channels.Telegram;

/// <summary>
/// Webhook mode: <c>POST /telegram/webhook</c> checks the secret before reading anything, stores the raw update and
/// answers at once; <see cref="RunAsync"/> applies stored updates afterwards, each chat's in the order they arrived.
/// </summary>
public sealed class TelegramInbox(
    IServiceScopeFactory scopes,
    TelegramUpdateHandler handler,
    IOptions<TelegramOptions> options,
    TimeProvider clock,
    ILogger<TelegramInbox> logger)
{
    public const string Path = "/telegram/webhook";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private const int MaxBodyBytes = 1 << 20;
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim arrived = new(0, 1);

    public async Task<IResult> ReceiveAsync(HttpContext http)
    {
        if (!SecretMatches(http.Request.Headers[SecretHeader].ToString(), options.Value.WebhookSecret))
            return Results.Unauthorized();

        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBodyBytes;
        if (http.Request.ContentLength > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        string body;
        try
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        long updateId;
        try
        {
            using var json = JsonDocument.Parse(body);
            updateId = json.RootElement.GetProperty("update_id").GetInt64();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Results.BadRequest();
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var platformId = updateId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!await db.Inbox.AnyAsync(m => m.Channel == TelegramChannel.Name && m.PlatformId == platformId, http.RequestAborted))
        {
            db.Inbox.Add(new InboxMessage { Channel = TelegramChannel.Name, PlatformId = platformId, RawPayload = body, ReceivedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(http.RequestAborted);
            }
            catch (DbUpdateException ex) when (ex.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 })
            {
                // A twin delivery stored it first (unique constraint): stored is stored.
            }
        }
        Wake();
        return Results.Ok();
    }

    /// <summary>Constant-time comparison, so the secret cannot be guessed a character at a time.</summary>
    public static bool SecretMatches(string? given, string? expected) =>
        !string.IsNullOrEmpty(given) && !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await ApplyStoredAsync(stoppingToken))
                    await arrived.WaitAsync(IdleWait, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Applying stored Telegram updates failed; trying again shortly");
                await Task.Delay(IdleWait, clock, stoppingToken);
            }
        }
    }

    /// <summary>Applies one round of stored updates; true when there were any.</summary>
    private async Task<bool> ApplyStoredAsync(CancellationToken cancellationToken)
    {
        List<(long Id, Update Update)> stored;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var rows = await db.Inbox.AsNoTracking().Where(m => m.Channel == TelegramChannel.Name && m.ProcessedAt == null)
                .OrderBy(m => m.Id).Take(200).ToListAsync(cancellationToken);
            if (rows.Count == 0) return false;
            stored = [];
            foreach (var row in rows)
            {
                if (Parse(row.RawPayload) is { } update) stored.Add((row.Id, update));
                else
                {
                    logger.LogWarning("Stored Telegram update {InboxId} is not an update; set aside", row.Id);
                    await MarkAsync(row.Id, cancellationToken);
                }
            }
        }
        await Task.WhenAll(stored.GroupBy(s => TelegramChannel.ChatOf(s.Update)).Select(async chat =>
        {
            foreach (var (id, update) in chat)
            {
                try
                {
                    await handler.HandleAsync(update, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // The rest of this chat waits for the next round, so its order holds.
                    logger.LogError(ex, "Telegram update {UpdateId} could not be applied; it stays stored and is tried again", update.Id);
                    return;
                }
                await MarkAsync(id, cancellationToken);
            }
        }));
        return true;
    }

    private static Update? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task MarkAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        await db.Inbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, clock.GetUtcNow()), cancellationToken);
    }

    private void Wake()
    {
        try { if (arrived.CurrentCount == 0) arrived.Release(); }
        catch (SemaphoreFullException) { /* already awake */ }
    }
}
