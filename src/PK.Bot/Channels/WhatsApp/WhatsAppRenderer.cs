using PK.Domain;
using PK.Domain.Conversations;
using static PK.Bot.Channels.WhatsApp.WhatsAppLimits;

namespace PK.Bot.Channels.WhatsApp;

/// <summary>
/// Draws a neutral reply as WhatsApp messages: up to 3 options as reply buttons, 4 to 10 as a list, more as
/// numbered lines the kader answers by typing the number. A shortened label keeps its full text in the body.
/// </summary>
public static class WhatsAppRenderer
{
    public static IReadOnlyList<GraphMessage> Render(Reply reply, string to) => reply.Options.Count switch
    {
        _ when reply.Screen is { } screen => Interactive(reply.Text, to, body => Flows.FlowMessages.Draw(body, screen)),
        0 => AsText(reply.Text, to),
        <= Buttons => AsButtons(reply, to),
        <= ListRows => AsList(reply, to),
        _ => Numbered(reply, to),
    };

    /// <summary>Options as numbered lines in plain text: always within limits, so also the fallback for anything else.</summary>
    public static IReadOnlyList<GraphMessage> Numbered(Reply reply, string to)
    {
        if (reply.Options.Count == 0) return AsText(reply.Text, to);
        return AsText($"{reply.Text.TrimEnd()}\n\n{FullLabels(reply.Options)}\n{WhatsAppTexts.TypeNumber}", to);
    }

    private static IReadOnlyList<GraphMessage> AsText(string text, string to) =>
        TextChunks.Split(text.Trim(), TextBody).Where(c => c.Trim().Length > 0).Select(c => GraphMessage.OfText(to, c)).ToList();

    private static IReadOnlyList<GraphMessage> AsButtons(Reply reply, string to)
    {
        var titles = Titles(reply.Options, ButtonTitle);
        var body = Shortened(reply.Options, titles) ? WithFullLabels(reply) : reply.Text;
        var buttons = reply.Options.Select((o, i) => new GraphButton(new GraphReply(o.Token, titles[i]))).ToList();
        return Interactive(body, to, body => new GraphInteractive("button", new GraphBody(body), new GraphAction(Buttons: buttons)));
    }

    private static IReadOnlyList<GraphMessage> AsList(Reply reply, string to)
    {
        var titles = Titles(reply.Options, RowTitle);
        var rows = reply.Options.Select((o, i) => new GraphRow(o.Token, titles[i], titles[i] == o.Label ? null : Shorten(o.Label, RowDescription))).ToList();
        // The description carries a shortened title's full label; only when that too is cut does the body list them.
        var body = rows.Zip(reply.Options).Any(p => p.First.Description is { } d && d != p.Second.Label) ? WithFullLabels(reply) : reply.Text;
        return Interactive(body, to, body => new GraphInteractive("list", new GraphBody(body),
            new GraphAction(Button: WhatsAppTexts.ListButton, Sections: [new GraphSection(rows)])));
    }

    /// <summary>The interactive message carries the body's last ≤ 1,024 characters (the question); anything before goes as text first.</summary>
    private static IReadOnlyList<GraphMessage> Interactive(string body, string to, Func<string, GraphInteractive> draw)
    {
        var (lead, tail) = SplitTail(body.Trim(), InteractiveBody);
        var messages = lead.Length > 0 ? AsText(lead, to).ToList() : [];
        messages.Add(new GraphMessage(to, "interactive", Interactive: draw(tail)));
        return messages;
    }

    private static (string Lead, string Tail) SplitTail(string text, int max)
    {
        if (text.Length <= max) return ("", text);
        var chunks = TextChunks.Split(text, max);
        return (string.Join("\n", chunks.Take(chunks.Count - 1)), chunks[^1]);
    }

    /// <summary>Labels fitted to <paramref name="max"/> and unique; when shortening makes two alike, numbered; at worst the numbers alone.</summary>
    internal static IReadOnlyList<string> Titles(IReadOnlyList<ReplyOption> options, int max)
    {
        var titles = options.Select(o => Shorten(o.Label.Length > 0 ? o.Label : o.Number, max)).ToList();
        if (Unique(titles)) return titles;
        titles = options.Select(o => Shorten($"{o.Number}. {o.Label}", max)).ToList();
        return Unique(titles) ? titles : options.Select(o => Shorten(o.Number, max)).ToList();
    }

    internal static string Shorten(string label, int max)
    {
        label = label.Replace('\n', ' ').Trim();
        if (label.Length <= max) return label;
        return label[..TextChunks.SafeCut(label, max - 1)].TrimEnd() + "…";
    }

    private static bool Unique(IReadOnlyList<string> titles) =>
        titles.Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() == titles.Count;

    private static bool Shortened(IReadOnlyList<ReplyOption> options, IReadOnlyList<string> titles) =>
        options.Where((o, i) => o.Label != titles[i]).Any();

    private static string WithFullLabels(Reply reply) => $"{reply.Text.TrimEnd()}\n\n{WhatsAppTexts.FullChoices}\n{FullLabels(reply.Options)}";

    private static string FullLabels(IReadOnlyList<ReplyOption> options) => string.Join("\n", options.Select(o => $"{o.Number}. {o.Label}"));
}
