using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PK.Bot.Turns;

namespace PK.Bot.Dashboard;

public static class DashboardServices
{
    public const string AntiforgeryCookie = "pk_dasbor_af";

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicUrl) || Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "Dashboard:PublicUrl must be an absolute http(s) URL, e.g. https://bot.example.go.id.")
            .Validate(o => o.SessionHours is > 0 and <= 24 * 30, "Dashboard:SessionHours must be between 0 and 720.")
            .Validate(o => o.LinkMinutes is > 0 and <= 24 * 60, "Dashboard:LinkMinutes must be between 0 and 1440.")
            .ValidateOnStart();
        services.AddScoped<IHostCommand, DasborCommand>();
        services.AddScoped<DashboardData>();
        services.AddMemoryCache();
        services.AddAntiforgery();
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.Path = DashboardRoutes.Root;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Behind the reverse proxy the request is HTTPS through X-Forwarded-Proto (see MapDashboard).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__af";
            o.SuppressXFrameOptionsHeader = true; // frame-ancestors 'none' and X-Frame-Options are set for every page below
        });
        return services;
    }

    /// <summary>Maps the pages under <c>/dasbor</c> when the dashboard is on (enabled and a public URL set).</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.IsOn) return app;
        // A reverse proxy on this machine (loopback, the default known proxy) that ends TLS says so in X-Forwarded-Proto.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto });
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(DashboardRoutes.Root))
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                // The values anti-forgery wants too (it would otherwise override them and log a warning on every page).
                headers.CacheControl = "no-cache, no-store";
                headers.Pragma = "no-cache";
            }
            await next(context);
        });
        DashboardEndpoints.Map(app);
        return app;
    }
}
