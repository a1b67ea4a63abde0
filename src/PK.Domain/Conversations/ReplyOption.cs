namespace PK.Domain.Conversations;

/// <summary>One option a channel can draw as a button, list row or numbered line.</summary>
/// <param name="Token">What the channel sends back when it is chosen: an <see cref="OptionToken"/> as text (compact, ≤ 40 ASCII chars).</param>
/// <param name="Label">The full label, in Bahasa Indonesia.</param>
/// <param name="Number">The number a kader may type for it ("1", "2", …).</param>
public sealed record ReplyOption(string Token, string Label, string Number)
{
    public static ReplyOption For(OptionToken token, string label, string number) => new(token.ToString(), label, number);
}
