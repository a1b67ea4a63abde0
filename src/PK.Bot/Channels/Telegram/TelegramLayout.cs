using System.Text;
using PK.Domain.Conversations;
using Telegram.Bot.Types.ReplyMarkups;

namespace PK.Bot.Channels.Telegram;

/// <summary>How a neutral reply looks on a phone: text cut to Telegram's size, options as rows of buttons.</summary>
public static class TelegramLayout
{
    public const int MaxTextLength = 4096;
    public const int MaxCallbackDataBytes = 64;
    private const int MaxButtons = 100;

    /// <summary>Button texts longer than this are cut on a phone: the text then lists the options in full.</summary>
    private const int ButtonWidth = 30;

    /// <summary>The reply's text, with its options listed by number when a button could not show a label whole.</summary>
    public static string Text(Reply reply)
    {
        var text = reply.Text.TrimEnd('\n');
        if (reply.Options.Count == 0 || reply.Options.All(o => ButtonText(o).Length <= ButtonWidth)) return text;
        var listed = new StringBuilder(text).Append('\n');
        foreach (var option in reply.Options) listed.Append('\n').Append(ButtonText(option));
        return listed.ToString();
    }

    /// <summary>Splits at line boundaries so no piece exceeds <paramref name="limit"/>; a single longer line is cut where it must.</summary>
    public static IReadOnlyList<string> Split(string text, int limit = MaxTextLength)
    {
        if (text.Length <= limit) return [text];
        var pieces = new List<string>();
        var current = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            var rest = line;
            if (current.Length > 0 && current.Length + 1 + rest.Length > limit)
            {
                pieces.Add(current.ToString());
                current.Clear();
            }
            while (rest.Length > limit)
            {
                var cut = char.IsHighSurrogate(rest[limit - 1]) ? limit - 1 : limit;
                pieces.Add(rest[..cut]);
                rest = rest[cut..];
            }
            if (current.Length > 0) current.Append('\n');
            current.Append(rest);
        }
        if (current.Length > 0) pieces.Add(current.ToString());
        return pieces;
    }

    /// <summary>
    /// Buttons in rows that fit a phone: three short labels a row, two medium, one long. Options whose token
    /// would not fit in callback_data are left out (the kader can still type their number).
    /// </summary>
    public static InlineKeyboardMarkup? Keyboard(IReadOnlyList<ReplyOption> options)
    {
        var drawable = options.Where(o => FitsCallbackData(o.Token)).Take(MaxButtons).ToList();
        if (drawable.Count == 0) return null;
        var longest = drawable.Max(o => ButtonText(o).Length);
        var perRow = longest <= 12 ? 3 : longest <= 20 ? 2 : 1;
        var rows = drawable.Chunk(perRow)
            .Select(row => row.Select(o => InlineKeyboardButton.WithCallbackData(ButtonText(o), o.Token)).ToArray())
            .ToArray();
        return new InlineKeyboardMarkup(rows);
    }

    public static bool FitsCallbackData(string token) => token.Length > 0 && Encoding.UTF8.GetByteCount(token) <= MaxCallbackDataBytes;

    public static string ButtonText(ReplyOption option) =>
        string.IsNullOrEmpty(option.Number) ? option.Label : $"{option.Number}. {option.Label}";

    public static ReplyMarkup? Markup(Reply reply, TelegramExtras extras) => extras.Keyboard switch
    {
        ReplyKeyboard.RequestContact => new ReplyKeyboardMarkup(KeyboardButton.WithRequestContact(TelegramTexts.ShareContactButton))
        {
            ResizeKeyboard = true,
            OneTimeKeyboard = true,
        },
        ReplyKeyboard.Remove => new ReplyKeyboardRemove(),
        _ => Keyboard(reply.Options),
    };
}
