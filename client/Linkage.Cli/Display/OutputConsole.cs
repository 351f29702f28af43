using Spectre.Console;

namespace Linkage.Cli.Display;

/// <summary>The Spectre console a command writes its tables to: the command's output, never interactive (so tests and pipes read it as text).</summary>
public static class OutputConsole
{
    /// <summary>The width of tables written to a file or a pipe: wide enough that a screening's or a monitor's rows stay one line each.</summary>
    public const int RedirectedWidth = 200;

    public static IAnsiConsole For(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });

        // A terminal's own width is kept; elsewhere Spectre would assume 80 columns and wrap the cells of wide tables.
        if (output != Console.Out || Console.IsOutputRedirected) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
