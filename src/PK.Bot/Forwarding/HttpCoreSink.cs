using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace PK.Bot.Forwarding;

/// <summary>
/// The core behind an HTTP API (docs/core-http-contract.md): one POST per record, keyed by
/// <c>Idempotency-Key: record id:version</c>. After the first answer that says "not now" the rest of the batch waits.
/// </summary>
public sealed class HttpCoreSink(IHttpClientFactory clients, IOptions<CoreOptions> core, IOptions<ForwardingOptions> forwarding, ILogger<HttpCoreSink> logger) : ICoreSink
{
    public const string ClientName = "core";

    public async Task<IReadOnlyList<RecordOutcome>> DeliverAsync(IReadOnlyList<CoreRecord> batch, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var outcomes = new RecordOutcome?[batch.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count),
            new ParallelOptions { MaxDegreeOfParallelism = forwarding.Value.HttpParallelism, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                if (stop.IsCancellationRequested) return;
                var outcome = await PostAsync(client, batch[i], stop.Token);
                outcomes[i] = outcome;
                // The core is down or refuses us: do not send it the rest of the batch now.
                if (outcome.Kind == OutcomeKind.Retry) await stop.CancelAsync();
            });
        var firstRetry = outcomes.FirstOrDefault(o => o?.Kind == OutcomeKind.Retry);
        return [.. outcomes.Select((o, i) => o is null || (o.Kind == OutcomeKind.Retry && o.Reason == Cancelled)
            ? new RecordOutcome(batch[i], OutcomeKind.Retry, firstRetry?.Reason ?? "Not sent.", firstRetry?.ConfigurationError ?? false)
            : o)];
    }

    private const string Cancelled = "Not sent: the core failed an earlier record of the batch.";

    private async Task<RecordOutcome> PostAsync(HttpClient client, CoreRecord record, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, core.Value.Url)
        {
            Content = new StringContent(record.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", record.Key);
        if (!string.IsNullOrEmpty(core.Value.ApiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", core.Value.ApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(forwarding.Value.HttpTimeout);
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            var code = (int)response.StatusCode;
            if (code is 200 or 201) return RecordOutcome.Accepted(record);
            var reason = $"HTTP {code}: {await BodyAsync(response, timeout.Token)}";
            return response.StatusCode switch
            {
                HttpStatusCode.Conflict => new RecordOutcome(record, OutcomeKind.Conflict, reason),
                HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge => new RecordOutcome(record, OutcomeKind.Rejected, reason),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed =>
                    new RecordOutcome(record, OutcomeKind.Retry, $"{reason} (check Core:Url and Core:ApiKey)", ConfigurationError: true),
                _ => new RecordOutcome(record, OutcomeKind.Retry, reason),
            };
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return new RecordOutcome(record, OutcomeKind.Retry, Cancelled);
        }
        catch (OperationCanceledException)
        {
            return new RecordOutcome(record, OutcomeKind.Retry, $"No answer from the core within {forwarding.Value.HttpTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            logger.LogDebug(ex, "POST of record {RecordKey} failed", record.Key);
            return new RecordOutcome(record, OutcomeKind.Retry, $"Network: {ex.Message}");
        }
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).ReplaceLineEndings(" ").Trim();
        return body.Length <= 300 ? body : body[..300];
    }
}
