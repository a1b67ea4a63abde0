using PK.Bot.Hosting;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PK.Bot.Channels.Inbox;
using PK.Bot.Persistence;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PK.Bot.Channels.Telegram;

/// <summary>
/// Telegram's side of the inbox: raw updates are stored — from <c>POST /telegram/webhook</c> (the secret checked
/// before anything is read) or from long polling — and the <see cref="InboxPipeline"/> applies them through
/// <see cref="TelegramUpdateHandler"/>, each chat's in update order. Concurrent webhook calls are committed together
/// (<see cref="GroupCommit{TRequest,TResult}"/>), each answered once its update is durable.
/// </summary>
public sealed class TelegramInbox(
    IServiceScopeFactory scopes,
    TelegramUpdateHandler handler,
    IOptions<TelegramOptions> options,
    WakeSignal<InboxPipeline> signal,
    TimeProvider clock) : IInboxChannel
{
    public const string Path = "/telegram/webhook";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private const int MaxBodyBytes = 1 << 20;

    public string Name => TelegramChannel.Name;

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
        // An update the library cannot read is still stored (and set aside when applied), so it is visible to the operator.
        await StoreAsync([new StagedItem(Id(updateId), ChatOf(body), body)], http.RequestAborted);
        return Results.Ok();
    }

    /// <summary>Stores polled updates (one transaction); once this returns, Telegram may forget them.</summary>
    public Task StoreAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken) =>
        StoreAsync([.. updates.Select(u => new StagedItem(Id(u.Id), TelegramChannel.ChatOf(u)?.ToString(CultureInfo.InvariantCulture), JsonSerializer.Serialize(u, JsonBotAPI.Options)))],
            cancellationToken);

    private GroupCommit<IReadOnlyList<StagedItem>, bool>? commits;

    private Task StoreAsync(IReadOnlyList<StagedItem> items, CancellationToken cancellationToken)
    {
        var writer = LazyInitializer.EnsureInitialized(ref commits, () => new GroupCommit<IReadOnlyList<StagedItem>, bool>(StoreTogetherAsync));
        return writer.SubmitAsync(items, cancellationToken);
    }

    private async Task<IReadOnlyList<bool>> StoreTogetherAsync(IReadOnlyList<IReadOnlyList<StagedItem>> batches)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        // BEGIN IMMEDIATE: a twin delivery racing this one waits, then finds these ids.
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var fresh = await InboxPipeline.StageAsync(db, TelegramChannel.Name, batches.SelectMany(b => b), clock.GetUtcNow(), CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        if (fresh.Count > 0) signal.Notify();
        return [.. batches.Select(_ => true)];
    }

    /// <summary>Constant-time comparison, so the secret cannot be guessed a character at a time.</summary>
    public static bool SecretMatches(string? given, string? expected) =>
        !string.IsNullOrEmpty(given) && !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    public InboxItem Read(InboxMessage row)
    {
        var update = JsonSerializer.Deserialize<Update>(row.RawPayload, JsonBotAPI.Options)
            ?? throw new JsonException("The stored payload is not a Telegram update.");
        return new InboxItem(TelegramChannel.ChatOf(update)?.ToString(CultureInfo.InvariantCulture), update.Id, update);
    }

    public async Task<InboxOutcome> ApplyAsync(InboxItem item, CancellationToken cancellationToken)
    {
        await handler.HandleAsync((Update)item.Content, cancellationToken);
        return InboxOutcome.Done;
    }

    private static string Id(long updateId) => updateId.ToString(CultureInfo.InvariantCulture);

    private static string? ChatOf(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options) is { } update
                ? TelegramChannel.ChatOf(update)?.ToString(CultureInfo.InvariantCulture)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
