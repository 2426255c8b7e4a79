using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Text;

namespace MarginBot.Conversations.Tests;

public sealed class ReplyTests
{
    [Fact]
    public void Button_DataOver64Bytes_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Button("x", new string('é', 33)));
    }

    [Fact]
    public void Button_DataOf64Bytes_Accepted()
    {
        Assert.Equal(64, new Button("x", new string('a', 64)).Data.Length);
    }

    [Fact]
    public void Send_TextOverLimit_CutWithinTelegramsLimit()
    {
        var text = string.Join("\n", Enumerable.Repeat(new string('a', 99), 100));

        var reply = Reply.Send(text);

        Assert.True(reply.Html.Length <= Reply.MaxLength);
        Assert.EndsWith("…", reply.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_UserText_TagsNeutralised()
    {
        Assert.Equal("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;", Html.Escape("<b>Tom & \"Jerry\"</b>"));
        Assert.Equal("<b>Tom & \"Jerry\"</b>", Html.ToPlain(Html.Escape("<b>Tom & \"Jerry\"</b>")));
    }
}
