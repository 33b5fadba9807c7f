import Testing
@testable import OnrampCore

@Suite struct HTMLTests {
    @Test func interpolatedTextIsEscaped() {
        let name = "<script>alert('x') & \"y\"</script>"
        let html: HTML = "<p>\(name)</p>"
        #expect(html.rendered == "<p>&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;</p>")
    }

    @Test func eachCharacterThatNeedsItIsEscapedAloneAndOtherTextIsKept() {
        for (text, escaped) in [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;")] {
            #expect(HTML.escape("Tom \(text) Jerry \u{2019}é") == "Tom \(escaped) Jerry \u{2019}é")
        }
        #expect(HTML.escape("Zo\u{eb} O\u{2019}Brien, 1 \u{1F600}") == "Zo\u{eb} O\u{2019}Brien, 1 \u{1F600}")
        #expect(HTML.escape("") == "")
    }

    @Test func interpolatedHTMLIsNot() {
        let inner: HTML = "<b>\("a<b")</b>"
        let outer: HTML = "<p>\(inner)</p>"
        #expect(outer.rendered == "<p><b>a&lt;b</b></p>")
    }

    @Test func whenAddsOnlyIfTrue() {
        #expect(HTML.when(true, " checked").rendered == " checked")
        #expect(HTML.when(false, " checked").rendered == "")
    }
}
