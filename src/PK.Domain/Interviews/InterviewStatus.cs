using PK.Domain.Answers;

namespace PK.Domain.Interviews;

public enum InterviewStatus { InProgress, Paused, Parked, Submitted, Cancelled }
