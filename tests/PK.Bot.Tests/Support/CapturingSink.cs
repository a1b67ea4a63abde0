using Serilog.Core;
using Serilog.Events;

namespace PK.Bot.Tests.Support;

/// <summary>Keeps every event a host logs (after the privacy mask), rendered and with its raw property values.</summary>
public sealed class CapturingSink : ILogEventSink
{
    private readonly Lock gate = new();
    private readonly List<LogEvent> events = [];

    public void Emit(LogEvent logEvent)
    {
        lock (gate) events.Add(logEvent);
    }

    public int Count
    {
        get { lock (gate) return events.Count; }
    }

    /// <summary>Everything a sink could write: rendered messages, property values, exceptions.</summary>
    public string AllText()
    {
        lock (gate)
            return string.Join("\n", events.Select(e =>
                e.RenderMessage() + " | " + string.Join(" ; ", e.Properties.Select(p => $"{p.Key}={p.Value}")) + " | " + e.Exception));
    }
}
