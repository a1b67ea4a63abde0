namespace PK.Bot.Conversations;

public static class ConversationServices
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ChatDispatcher>();
        services.AddSingleton<TurnProcessor>();
        services.AddScoped<ConversationTurnHandler>();
        return services;
    }
}
