@testable import OnrampCore
import Testing

@Suite struct NarrativeTests {
    @Test func headingsParagraphsAndLinksAreKept() {
        #expect(Narrative.clean("<h2>Why this map</h2><p>See <a href=\"https://www.southwark.gov.uk/digital\">our strategy</a>.</p>")
            == "<h2 class=\"govuk-heading-m\">Why this map</h2><p class=\"govuk-body\">See <a class=\"govuk-link\" href=\"https://www.southwark.gov.uk/digital\">our strategy</a>.</p>")
        #expect(Narrative.clean("<H3 id=x>Next</H3>") == "<h3 class=\"govuk-heading-s\">Next</h3>")
        #expect(Narrative.clean("<a href=mailto:digital@example.gov.uk>Write to us</a>") == "<a class=\"govuk-link\" href=\"mailto:digital@example.gov.uk\">Write to us</a>")
    }

    @Test(arguments: [
        ("<script>alert(1)</script>Hello", "Hello"),
        ("<SCRIPT src=x></SCRIPT >Hi", "Hi"),
        ("<style>p{display:none}</style><p>Shown</p>", "<p class=\"govuk-body\">Shown</p>"),
        ("<img src=x onerror=alert(1)>after", "after"),
        ("<a href=\"javascript:alert(1)\">click</a>", "click"),
        ("<a href=\" JAVASCRIPT:alert(1)\">click</a>", "click"),
        ("<a href=\"data:text/html,x\">x</a>", "x"),
        ("<p onclick=\"steal()\" style=\"color:red\">hi", "<p class=\"govuk-body\">hi</p>"),
        ("<iframe src=https://evil.example></iframe>ok", "ok"),
        ("<!-- hidden --><p>seen</p>", "<p class=\"govuk-body\">seen</p>"),
        ("<div><b>bold</b></div>", "bold"),
        ("unclosed <p", "unclosed &lt;p"),
    ])
    func everythingElseIsRemoved(written: String, published: String) {
        #expect(Narrative.clean(written) == published)
    }

    @Test func textIsEscapedAndEveryTagClosed() {
        #expect(Narrative.clean("1 < 2 & 3 > 2 \"quoted\" &amp; &#8217;") == "1 &lt; 2 &amp; 3 &gt; 2 &quot;quoted&quot; &amp; &#8217;")
        #expect(Narrative.clean("<h2>Heading<p>Paragraph") == "<h2 class=\"govuk-heading-m\">Heading</h2><p class=\"govuk-body\">Paragraph</p>")
        #expect(Narrative.clean("<p><a href=\"https://a.example\">one<a href=\"https://b.example\">two</p>")
            == "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"https://a.example\">one</a><a class=\"govuk-link\" href=\"https://b.example\">two</a></p>")
        #expect(Narrative.clean("</p></a>stray") == "stray")
        #expect(Narrative.clean(String(repeating: "x", count: 30_000)).count == Narrative.maxLength)
    }
}
