using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.Tests.Tokens;

/// <summary>The events-v1 token test vectors, secret <c>linkage-dev-secret</c>.</summary>
public sealed class LinkageTokenizerTests
{
    private readonly LinkageTokenizer _tokenizer = new(LinkageTokenizer.DevelopmentSecret);

    [Fact]
    public void Mid_matches_the_contract_vector()
    {
        Assert.Equal("mid.MZRYFSAvtkSoMYHjMvb1IQ", _tokenizer.Mid("ＭＩＤ 0001-2345-6789"));
    }

    [Fact]
    public void Id1_matches_the_contract_vector()
    {
        Assert.Equal(
            "id1.5U8WoGpworlt4Alycj2mTg",
            _tokenizer.Id1("06139999", "１２３", "４５６７", "01", new DateOnly(1950, 3, 14), Sex.F));
    }

    [Fact]
    public void Id1_pads_the_insurer_number_to_eight_digits()
    {
        Assert.Equal(
            _tokenizer.Id1("06139999", "123", "4567", "01", new DateOnly(1950, 3, 14), Sex.F),
            _tokenizer.Id1("６１３９９９９", "123", "4567", "01", new DateOnly(1950, 3, 14), Sex.F));
    }

    [Theory]
    [InlineData("さとう　はなこ")]
    [InlineData("サトウ ハナコ")]
    [InlineData("ｻﾄｳ ﾊﾅｺ")]
    public void Id2_matches_the_contract_vector_for_every_spelling_of_the_name(string name)
    {
        Assert.Equal("id2.Q3YNYmq9dWQhgNdq6Tx_4Q", _tokenizer.Id2(name, new DateOnly(1950, 3, 14), Sex.F));
    }

    [Fact]
    public void A_different_secret_gives_a_different_token()
    {
        var other = new LinkageTokenizer("another-secret");
        Assert.NotEqual(_tokenizer.Mid("ＭＩＤ 0001-2345-6789"), other.Mid("ＭＩＤ 0001-2345-6789"));
    }

    [Theory]
    [InlineData("1", Sex.M)]
    [InlineData("2", Sex.F)]
    [InlineData("M", Sex.M)]
    [InlineData("U", Sex.U)]
    public void Japanese_sex_codes_map_to_contract_letters(string code, Sex expected)
    {
        Assert.Equal(expected, LinkageTokenizer.ParseSex(code));
    }

    [Theory]
    [InlineData("mid.MZRYFSAvtkSoMYHjMvb1IQ", TokenKind.Mid, true)]
    [InlineData("id2.Q3YNYmq9dWQhgNdq6Tx_4Q", TokenKind.Id2, true)]
    [InlineData("id2.Q3YNYmq9dWQhgNdq6Tx_4Q", TokenKind.Id1, false)]
    [InlineData("mid.MZRYFSAvtkSoMYHjMvb1I", TokenKind.Mid, false)]
    [InlineData("mid.MZRYFSAvtkSoMYHjMvb1I=", TokenKind.Mid, false)]
    [InlineData("mid.MZRYFSAvtkSoMYHjMvb1I+", TokenKind.Mid, false)]
    public void Token_form_is_checked(string token, TokenKind kind, bool wellFormed)
    {
        Assert.Equal(wellFormed, LinkageToken.IsWellFormed(token, kind));
    }
}
