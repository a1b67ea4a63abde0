using System.Globalization;
using PK.Bot.Turns;
using PK.Domain;
using PK.Domain.Conversations;

namespace PK.Bot.Channels.WhatsApp.Flows;

/// <summary>The <c>parameters</c> of an interactive <c>flow</c> message.</summary>
public sealed record GraphFlowParameters(string FlowMessageVersion, string FlowToken, string FlowId, string FlowCta, string FlowAction, GraphFlowPayload FlowActionPayload);

/// <summary>The screen a Flow opens at, and the data it opens with.</summary>
public sealed record GraphFlowPayload(string Screen, IReadOnlyDictionary<string, object>? Data);

/// <summary>A form screen drawn as an interactive Flow message, and the limits Meta documents for one, checked before sending.</summary>
public static class FlowMessages
{
    public const string MessageVersion = "3";
    public const int Cta = 20;
    public const int Token = 200;

    public static GraphInteractive Draw(string body, FormScreen screen) => new("flow", new GraphBody(body), new GraphAction(
        Name: "flow",
        Parameters: new GraphFlowParameters(MessageVersion, screen.Token, screen.Target, Texts.FormCta, "navigate",
            new GraphFlowPayload(screen.Kind.ToUpperInvariant().Replace('-', '_'), screen.Data.Count > 0 ? screen.Data : null))));

    /// <summary>What breaks Meta's rules for a flow message: CTA 1–20 characters without emoji, message version "3", a flow token, a Flow id and a screen.</summary>
    public static IReadOnlyList<string> Check(GraphInteractive interactive)
    {
        var problems = new List<string>();
        if (interactive.Action.Name != "flow" || interactive.Action.Parameters is not { } p)
        {
            problems.Add("a flow message without flow parameters");
            return problems;
        }
        if (p.FlowCta.Length is < 1 or > Cta) problems.Add($"flow CTA has {p.FlowCta.Length} characters (allowed 1–{Cta})");
        if (HasEmoji(p.FlowCta)) problems.Add("flow CTA holds an emoji");
        if (p.FlowMessageVersion != MessageVersion) problems.Add($"flow_message_version is '{p.FlowMessageVersion}', not '{MessageVersion}'");
        if (string.IsNullOrWhiteSpace(p.FlowToken) || p.FlowToken.Length > Token) problems.Add("flow_token is missing or too long");
        if (string.IsNullOrWhiteSpace(p.FlowId) || !p.FlowId.All(char.IsAsciiLetterOrDigit)) problems.Add("flow_id is missing");
        if (p.FlowAction != "navigate" || string.IsNullOrWhiteSpace(p.FlowActionPayload.Screen)) problems.Add("flow_action_payload.screen is missing");
        if (p.FlowActionPayload.Data is { Count: 0 }) problems.Add("flow_action_payload.data is an empty object");
        return problems;
    }

    internal static bool HasEmoji(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogate(text[i])) return true;
            var category = CharUnicodeInfo.GetUnicodeCategory(text[i]);
            if (category == UnicodeCategory.OtherSymbol || text[i] is '\u200d' or '\ufe0f') return true;
        }
        return false;
    }
}

public static class WhatsAppFlowServices
{
    /// <summary>Flow options always; the turn hook whenever the WhatsApp channel is on (it only steps in once Flow ids are set).</summary>
    public static IServiceCollection AddWhatsAppFlows(this IServiceCollection services)
    {
        services.AddOptions<WhatsAppFlowOptions>().BindConfiguration(WhatsAppFlowOptions.Section);
        services.AddSingleton<IChannelTurnHook, WhatsAppFlowTurns>();
        return services;
    }
}
