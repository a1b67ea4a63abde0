using PK.Bot.Channels;
using PK.Bot.Turns;
using PK.Bot.Persistence;

namespace PK.Bot.Tests.Support;

/// <summary>A channel that records what it was asked to send and can be told to be unreachable for a while.</summary>
public sealed class RecordingSender : IChannelSender
{
    public const string ChannelName = "test";
    private readonly Lock gate = new();
    private readonly List<(string ChatId, long Sequence, string Text)> sent = [];
    private int failuresLeft;

    public string Channel => ChannelName;

    public int Attempts { get; private set; }

    public void FailNext(int count)
    {
        lock (gate) failuresLeft = count;
    }

    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Attempts++;
            if (failuresLeft > 0)
            {
                failuresLeft--;
                throw new ChannelUnavailableException("test platform unreachable");
            }
            sent.Add((message.ChatId, message.Sequence, ReplyJson.Deserialize(message.PayloadJson).Text));
        }
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> TextsTo(string chatId)
    {
        lock (gate) return sent.Where(s => s.ChatId == chatId).Select(s => s.Text).ToList();
    }

    public IReadOnlyList<long> SequencesTo(string chatId)
    {
        lock (gate) return sent.Where(s => s.ChatId == chatId).Select(s => s.Sequence).ToList();
    }

    public async Task<IReadOnlyList<string>> WaitForAsync(string chatId, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var texts = TextsTo(chatId);
            if (texts.Count >= count) return texts;
            await Task.Delay(10);
        }
        throw new TimeoutException($"Chat {chatId} got {TextsTo(chatId).Count} of {count} replies.");
    }
}
