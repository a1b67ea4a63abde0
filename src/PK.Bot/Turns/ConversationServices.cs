using Microsoft.Extensions.Options;
using PK.Domain.Conversations;
using PK.Domain.Forms;
using PK.Domain.Regions;

namespace PK.Bot.Turns;

public static class ConversationServices
{
    public const string InterviewSection = "Interviews";

    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<InterviewOptions>()
            .BindConfiguration(InterviewSection)
            .Validate(o => o.ParkAfter > TimeSpan.Zero, "Interviews:ParkAfter must be positive.")
            .Validate(o => o.CorrectionDays >= 0, "Interviews:CorrectionDays must not be negative.")
            .Validate(o => o.MaxMessageLength > 0, "Interviews:MaxMessageLength must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp => new ConversationEngine(
            FormLoader.Pk21, sp.GetRequiredService<RegionDirectory>(), sp.GetRequiredService<IOptions<InterviewOptions>>().Value));
        services.AddOptions<StrangerOptions>()
            .BindConfiguration(StrangerOptions.Section)
            .Validate(o => o.StrangerReplyEvery >= TimeSpan.Zero, "Security:StrangerReplyEvery must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<StrangerGate>();
        services.AddSingleton<ChatDispatcher>();
        services.AddSingleton<TurnProcessor>();
        services.AddSingleton<TurnWriter>();
        services.AddSingleton<TurnCache>();
        services.AddScoped<ConversationTurnHandler>();
        return services;
    }
}
