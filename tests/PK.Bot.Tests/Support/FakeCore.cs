using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PK.Bot.Tests.Support;

/// <summary>
/// A core behind the documented HTTP contract, on a loopback port: new key → 201, same key and body → 200,
/// same key other body → 409, wrong bearer → 401. Tests script failures in front of that with <see cref="Script"/>.
/// </summary>
public sealed class FakeCore : IAsyncDisposable
{
    public const string ApiKey = "test-core-key";
    private readonly WebApplication app;

    private FakeCore(WebApplication app) => this.app = app;

    public ConcurrentDictionary<string, string> Stored { get; } = new();
    public ConcurrentQueue<(string Key, string? Authorization)> Requests { get; } = new();

    /// <summary>Answers that come before the contract's, first to last: a status code, or a delay (a timeout).</summary>
    public ConcurrentQueue<Func<HttpContext, Task<bool>>> Script { get; } = new();

    /// <summary>Keys the core refuses as invalid (422).</summary>
    public ConcurrentDictionary<string, bool> Invalid { get; } = new();

    public string Url => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/records";

    public static async Task<FakeCore> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var core = new FakeCore(app);
        app.MapPost("/records", core.HandleAsync);
        await app.StartAsync();
        return core;
    }

    public void ThenStatus(int status, int times = 1)
    {
        for (var i = 0; i < times; i++)
            Script.Enqueue(async context => { context.Response.StatusCode = status; await context.Response.WriteAsync($"scripted {status}"); return true; });
    }

    public void ThenHang(TimeSpan time) =>
        Script.Enqueue(async context => { await Task.Delay(time, context.RequestAborted); return true; });

    private async Task HandleAsync(HttpContext context)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var authorization = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue((key, authorization));
        if (Script.TryDequeue(out var scripted) && await scripted(context)) return;
        if (authorization != $"Bearer {ApiKey}")
        {
            context.Response.StatusCode = 401;
            return;
        }
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        if (Invalid.ContainsKey(key))
        {
            context.Response.StatusCode = 422;
            await context.Response.WriteAsync("region.desa: not a desa code");
            return;
        }
        if (Stored.TryAdd(key, body))
        {
            context.Response.StatusCode = 201;
            return;
        }
        context.Response.StatusCode = Stored[key] == body ? 200 : 409;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
