using PK.Domain.Conversations;

namespace PK.Bot.Turns;

/// <summary>
/// A channel's own say in a turn of its chats (WhatsApp Flows: a form screen's answers in, form screens out). It decides
/// through the domain only (the engine, <see cref="FormAnswers"/>); without one the engine handles the turn alone.
/// </summary>
public interface IChannelTurnHook
{
    string Channel { get; }

    TurnResult Handle(ConversationEngine engine, TurnInput input);
}
