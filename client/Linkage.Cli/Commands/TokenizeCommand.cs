using System.CommandLine;
using System.Text;
using Linkage.Client.Tokenizing;

namespace Linkage.Cli.Commands;

/// <summary><c>linkage tokenize IN.csv [--out OUT.csv]</c>: raw identity fields to linkage tokens, at the operator's site.</summary>
public static class TokenizeCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("csv") { Description = "CSV with a header row: medical_id; insurer, symbol, number, branch; kana_name; birth_date, sex; other columns are copied" };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the tokenized CSV (default: standard output)" };
        var command = new Command("tokenize", "Turn a CSV of raw identity fields into linkage tokens (mid, id1, id2)") { input, output, SecretOption.Option };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tokenizer = SecretOption.Tokenizer(parse);
            using var reader = new StreamReader(parse.GetValue(input)!.FullName, Encoding.UTF8);
            var target = parse.GetValue(output);
            await using var writer = target is null ? Console.Out : new StreamWriter(target.FullName, false, new UTF8Encoding(false));
            var rejected = await new IdentityCsvTokenizer(tokenizer).TokenizeAsync(reader, writer, cancellationToken);
            foreach (var r in rejected) await Console.Error.WriteLineAsync($"line {r.Line}: {r.Reason}");
            return 0;
        });
        return command;
    }
}
