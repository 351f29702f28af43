using Spectre.Console;

namespace Linkage.Cli.Display;

/// <summary>The Spectre console a command writes its tables to: the command's output, never interactive (so tests and pipes read it as text).</summary>
public static class OutputConsole
{
    public static IAnsiConsole For(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Interactive = InteractionSupport.No,
    });
}
