using System.CommandLine;
using PK.Bot.Channels.WhatsApp.Flows;
using PK.Domain.Forms;

namespace PK.Bot.Admin;

/// <summary><c>whatsapp flows export DIR</c>: one Flow JSON per screen kind, for upload by hand in WhatsApp Manager.</summary>
internal sealed class WhatsAppFlowsExportVerb : IVerb
{
    public string? Group => "whatsapp flows";

    public Command Build(BotHostFactory hosts)
    {
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "Where to write KIND.json for every screen kind." };
        var command = new Command("export", "Write the WhatsApp Flows generated from the form, one Flow JSON per screen kind.") { directory };
        command.SetAction(parse =>
        {
            foreach (var path in FlowPublisher.Export(FormLoader.Pk21, parse.GetRequiredValue(directory).FullName)) Console.WriteLine(path);
            return 0;
        });
        return command;
    }
}
