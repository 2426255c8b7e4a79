using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Text;

namespace MarginBot.Conversations.Tests.Reliability;

/// <summary>The fuzz's validator must catch every fault it is there for, or the fuzz proves nothing.</summary>
public sealed class TelegramRulesTests
{
    [Theory]
    [InlineData("<b>bold</b> and <i>it</i>, <u>u</u> <s>s</s> <tg-spoiler>x</tg-spoiler>")]
    [InlineData("<a href=\"https://t.me/MarginBot?start=check\">link</a> &lt;&gt;&amp;&quot; &#128293; &#x1F525;")]
    [InlineData("<pre><code class=\"language-text\">x</code></pre> <blockquote>q</blockquote> 🔥")]
    public void HtmlProblems_WhatTelegramAccepts_None(string html)
    {
        Assert.Empty(TelegramRules.HtmlProblems(html));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "does not allow")]
    [InlineData("<b>open", "left open")]
    [InlineData("<b><i>x</b></i>", "closes")]
    [InlineData("</b>", "closes nothing")]
    [InlineData("a & b", "unescaped '&'")]
    [InlineData("a &am", "unescaped '&'")]
    [InlineData("a &nbsp; b", "unescaped '&'")]
    [InlineData("1 < 2", "unescaped '<'")]
    [InlineData("2 > 1", "unescaped '>'")]
    [InlineData("<code><b>x</b></code>", "plain text only")]
    [InlineData("<b class=\"x\">x</b>", "attributes")]
    [InlineData("<a href=x>y</a>", "attributes")]
    [InlineData("  \n ", "empty message")]
    public void HtmlProblems_WhatTelegramRefuses_Named(string html, string expected)
    {
        Assert.Contains(TelegramRules.HtmlProblems(html), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void HtmlProblems_LoneSurrogate_Caught()
    {
        // Not an InlineData: the test runner's serialisation would repair the string.
        Assert.Contains(TelegramRules.HtmlProblems("lone " + '\ud800' + " half"), p => p.Contains("lone surrogate", StringComparison.Ordinal));
    }

    [Fact]
    public void HtmlProblems_OverLengthAfterEntities_Caught()
    {
        Assert.Empty(TelegramRules.HtmlProblems(string.Concat(Enumerable.Repeat("&amp;", 4096))));
        Assert.Contains(TelegramRules.HtmlProblems(string.Concat(Enumerable.Repeat("&amp;", 4097))), p => p.Contains("more than 4096", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_MoreThanHundredButtons_Caught()
    {
        var rows = Enumerable.Range(0, 101).Select(i => (IReadOnlyList<Button>)[new Button("b", "d" + i)]).ToArray();

        Assert.Contains(TelegramRules.Problems(Reply.Send("x", rows)), p => p.Contains("more than 100", StringComparison.Ordinal));
        Assert.Empty(TelegramRules.Problems(Reply.Send("x", rows[..100])));
    }

    [Fact]
    public void Problems_ButtonDataWithLoneSurrogate_Caught()
    {
        Assert.Contains(TelegramRules.Problems(Reply.Send("x", [new Button("b", "chk:\ud800")])), p => p.Contains("callback data", StringComparison.Ordinal));
    }

    [Fact]
    public void Send_LongEscapedUserText_CutOutsideEntitiesAndTags()
    {
        // What the fuzz found: the old cut at 4,093 characters fell inside "&amp;" of an echoed term.
        var html = "<b>Glossary</b> \"" + Html.Escape(new string('&', 3000)) + "\" <i>" + Html.Escape(new string('<', 3000)) + "</i>";

        var reply = Reply.Send(html);

        Assert.Empty(TelegramRules.Problems(reply));
        Assert.True(reply.Html.Length <= Reply.MaxLength);
    }

    [Fact]
    public void Send_CutInsideOpenTagAndSurrogatePairs_ClosesTheTag()
    {
        var reply = Reply.Send("<b>" + string.Concat(Enumerable.Repeat("🔥", 3000)) + "</b>");

        Assert.Empty(TelegramRules.Problems(reply));
        Assert.EndsWith("</b>\n…", reply.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_LoneSurrogateAndNul_Replaced()
    {
        Assert.Equal("a\uFFFDb🔥", Html.Escape("a\ud800b\0🔥"));
    }
}
