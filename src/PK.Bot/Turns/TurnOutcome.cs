namespace PK.Bot.Turns;

/// <summary>What became of one incoming message.</summary>
public enum TurnOutcome
{
    /// <summary>Applied and committed; its replies wait in the outbox.</summary>
    Applied,
    /// <summary>Seen before (a redelivery): nothing changed.</summary>
    Duplicate,
    /// <summary>The chat belongs to nobody on the roster: a refusal was queued, nothing else.</summary>
    NotOnRoster,
    /// <summary>Nothing was written (storage failed); the person was told directly.</summary>
    Failed,
    /// <summary>A stranger already refused recently (<c>Security:StrangerReplyEvery</c>): nothing was written, nothing is sent.</summary>
    Ignored,
}
