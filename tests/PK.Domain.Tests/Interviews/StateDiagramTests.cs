using PK.Domain.Interviews;
using PK.Domain.Tests.Support;

namespace PK.Domain.Tests.Interviews;

public class StateDiagramTests
{
    [Fact]
    public void TheReadmeShowsTheInterviewsCurrentStateMachine()
    {
        var readme = File.ReadAllText(RegionList.PathOf("README.md")).Replace("\r\n", "\n");
        var diagram = Interview.MermaidDiagram().Replace("\r\n", "\n").Trim();
        Assert.Contains(diagram, readme);
    }
}
