using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace PK.Bot.Logging;

/// <summary>
/// Rewrites every event before any sink sees it: NIKs and Indonesian phone numbers are masked in the
/// template text, in every property value (nested too) and in exception text.
/// </summary>
public sealed class PrivacyMaskingSink(ILogEventSink inner) : ILogEventSink, IDisposable
{
    private readonly MessageTemplateParser parser = new();

    public void Emit(LogEvent logEvent)
    {
        var template = logEvent.MessageTemplate.Text;
        var maskedTemplate = PrivacyMask.Apply(template);
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Mask(p.Value)));
        var exception = logEvent.Exception is { } ex && PrivacyMask.Apply(ex.ToString()) is var text && text != ex.ToString()
            ? new MaskedException(text)
            : logEvent.Exception;
        inner.Emit(new LogEvent(
            logEvent.Timestamp,
            logEvent.Level,
            exception,
            ReferenceEquals(maskedTemplate, template) ? logEvent.MessageTemplate : parser.Parse(maskedTemplate),
            properties,
            logEvent.TraceId ?? default,
            logEvent.SpanId ?? default));
    }

    private static LogEventPropertyValue Mask(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } => new ScalarValue(PrivacyMask.Apply(s)),
        ScalarValue { Value: long or ulong or decimal } scalar when PrivacyMask.Apply(scalar.Value.ToString()!) is var m && m != scalar.Value.ToString() => new ScalarValue(m),
        SequenceValue seq => new SequenceValue(seq.Elements.Select(Mask)),
        StructureValue st => new StructureValue(st.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Value))), st.TypeTag),
        DictionaryValue dict => new DictionaryValue(dict.Elements.Select(kv => new KeyValuePair<ScalarValue, LogEventPropertyValue>(kv.Key, Mask(kv.Value)))),
        _ => value,
    };

    public void Dispose() => (inner as IDisposable)?.Dispose();

    /// <summary>Stands in for an exception whose text carried personal data.</summary>
    private sealed class MaskedException(string text) : Exception("(masked) " + text.Split('\n')[0])
    {
        public override string ToString() => text;
    }
}
