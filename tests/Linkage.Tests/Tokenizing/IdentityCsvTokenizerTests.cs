using Linkage.Client.Tokenizing;
using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.Tests.Tokenizing;

/// <summary><c>linkage tokenize</c>: raw identity CSV in, tokens out, raw identity never copied.</summary>
public sealed class IdentityCsvTokenizerTests
{
    private readonly LinkageTokenizer _tokenizer = new(LinkageTokenizer.DevelopmentSecret);

    [Fact]
    public async Task Identity_columns_become_the_contract_tokens_and_other_columns_are_kept()
    {
        var csv = "ref,medical_id,insurer,symbol,number,branch,kana_name,birth_date,sex\n" +
                  "A-1,ＭＩＤ 0001-2345-6789,06139999,１２３,４５６７,01,さとう　はなこ,1950-03-14,2\n";

        var (output, rejected) = await Tokenize(csv);

        Assert.Empty(rejected);
        Assert.Equal(
            ["ref,mid,id1,id2", "A-1,mid.MZRYFSAvtkSoMYHjMvb1IQ,id1.5U8WoGpworlt4Alycj2mTg,id2.Q3YNYmq9dWQhgNdq6Tx_4Q"],
            output);
    }

    [Fact]
    public async Task Empty_identity_fields_leave_their_token_empty()
    {
        var (output, _) = await Tokenize("kana_name,birth_date,sex,medical_id\nサトウ ハナコ,19500314,F,\n");

        Assert.Equal("mid,id1,id2", output[0]);
        Assert.Equal(",," + _tokenizer.Id2("サトウハナコ", new DateOnly(1950, 3, 14), Sex.F), output[1]);
    }

    [Fact]
    public async Task A_bad_row_is_named_with_its_line_and_field_and_the_rest_go_through()
    {
        var csv = "ref,kana_name,birth_date,sex\nr1,サトウ,1950-03-14,F\nr2,サトウ,1950-02-30,F\nr3,サトウ,1950-03-14,X\nr4,,1950-03-14,F\nr5,スズキ,1950-03-14,1\n";

        var (output, rejected) = await Tokenize(csv);

        Assert.Equal(3, output.Count);
        Assert.Equal([3, 4, 5], rejected.Select(r => r.Line));
        Assert.StartsWith("birth_date", rejected[0].Reason);
        Assert.StartsWith("sex", rejected[1].Reason);
        Assert.Contains("no identity", rejected[2].Reason);
    }

    [Fact]
    public async Task A_csv_without_identity_columns_is_refused_naming_them()
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => Tokenize("ref,name\nx,y\n"));
        Assert.Contains("medical_id", error.Message);
    }

    private async Task<(List<string> Output, IReadOnlyList<FeedRejection> Rejected)> Tokenize(string csv)
    {
        var output = new StringWriter { NewLine = "\n" };
        var rejected = await new IdentityCsvTokenizer(_tokenizer).TokenizeAsync(new StringReader(csv), output);
        return ([.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)], rejected);
    }
}
