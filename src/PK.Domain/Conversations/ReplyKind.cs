using System.Text.Json.Serialization;

namespace PK.Domain.Conversations;

/// <summary>What a reply is, so a channel can treat it accordingly without reading its text.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplyKind>))]
public enum ReplyKind
{
    /// <summary>Information: an echo, a notice, a report, the answer to a command.</summary>
    Notice,
    /// <summary>A form question (its options, when it has them, answer it).</summary>
    Question,
    /// <summary>A ya/tidak confirmation (cancel, a duplicate, a warning).</summary>
    Confirmation,
    /// <summary>A numbered pick: a desa, a family to resume or correct.</summary>
    Pick,
    /// <summary>The family's summary, at review.</summary>
    Summary,
    /// <summary>The message was not taken (a refusal leads the text); the question or pick follows.</summary>
    Refusal,
    /// <summary>A pressed button belonged to an earlier question and was not used; the current question follows.</summary>
    Stale,
}
