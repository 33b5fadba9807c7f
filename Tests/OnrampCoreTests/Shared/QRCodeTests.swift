import Testing
@testable import OnrampCore

@Suite struct QRCodeTests {
    static let deviceURL = "https://onramp.example.gov.uk/kit/devices/5f0c3b1e-8a8b-4c7e-9a51-0d9b0e7d2a11"

    func rows(_ code: QRCode) -> [String] {
        (0..<code.size).map { y in String((0..<code.size).map { code.isDark(x: $0, y: y) ? "1" : "0" }) }
    }

    // Expected matrices come from segno 1.6.6 with its padding fix (heuer/segno#148) applied, and
    // agree with python-qrcode given the same version and mask.

    @Test func smallNonASCIIMatchesReference() throws {
        let code = try #require(QRCode("Café ☕"))
        #expect(code.version == 1)
        #expect(code.mask == 3)
        #expect(rows(code) == [
            "111111101011101111111", "100000101101001000001", "101110100000101011101", "101110101101001011101",
            "101110100011001011101", "100000100011101000001", "111111101010101111111", "000000001111100000000",
            "101101110011101001011", "111111011011101000101", "011110111101001010011", "001001001101011001001",
            "101101110110110100000", "000000001111011010001", "111111101001100100100", "100000101110000101010",
            "101110100000101001000", "101110101101001000010", "101110101000101101000", "100000100010010101101",
            "111111101110010000100",
        ])
    }

    @Test func deviceURLMatchesReference() throws {
        let code = try #require(QRCode(Self.deviceURL, correction: .medium))
        #expect(code.version == 5)
        #expect(code.size == 37)
        #expect(code.mask == 6)
        #expect(rows(code) == [
            "1111111010110010100010100100101111111", "1000001010100111010101101100101000001",
            "1011101010001100100101001110101011101", "1011101000101000010011001100101011101",
            "1011101011101100111111100000101011101", "1000001001010011111000010110101000001",
            "1111111010101010101010101010101111111", "0000000000101000100100010101100000000",
            "1001111110101100011100100010110010111", "0101110011000000100100011111010010110",
            "1001101100010011110010110011000111001", "1111000110011000111100110000000111111",
            "1100001111101011100100101001101101001", "1001100010000111001001010111000011010",
            "1001111000111111001111101111100011101", "1100100001100101100010010000101101100",
            "1101111000010011011100101111101000101", "0011110110110100011101101001110000100",
            "1100101101011000110110010111000010001", "1000000011010101100100001100100010001",
            "1010001100000110010100001010011110000", "0100110111000001010100011111010010100",
            "0000011001110111100000010001111101001", "1100100101010000001100110010001111101",
            "1110111011101111010010110010111100001", "1110100110100100001000111001010010000",
            "1110101000111001010111000111101000011", "1000110100101100101100000001100011100",
            "1000101111000111000010111101111111100", "0000000010100111011110100110100010100",
            "1111111010110001011101111110101010011", "1000001011111011000000000101100010010",
            "1011101011111011101010010011111110010", "1011101011001000010111111011111000101",
            "1011101000110000011000010011010011101", "1000001001011111010010011000010010111",
            "1111111010101100100110111000111100001",
        ])
    }

    @Test func formatInformationForMediumMask6() throws {
        let code = try #require(QRCode(Self.deviceURL))
        let n = code.size
        func bits(_ cells: [(Int, Int)]) -> String { String(cells.map { code.isDark(x: $0.0, y: $0.1) ? "1" : "0" }) }
        // Level M with mask 6, from the standard's table of format information strings, most
        // significant bit first in each copy's reading order.
        let expected = "100111110010111"
        let topLeft = (0...5).map { ($0, 8) } + [(7, 8), (8, 8), (8, 7)] + (0...5).reversed().map { (8, $0) }
        let split = (n - 7..<n).reversed().map { (8, $0) } + (n - 8..<n).map { ($0, 8) }
        #expect(bits(topLeft) == expected)
        #expect(bits(split) == expected)
        #expect(code.isDark(x: 8, y: n - 8))
    }

    @Test func versionInformationFromVersion7() throws {
        let code = try #require(QRCode(String(repeating: "a", count: 122)))
        #expect(code.version == 7)
        // 000111 110010010100: version 7 and its BCH(18,6) remainder, least significant bit first.
        let expected = 0x07C94
        for i in 0..<18 {
            let bit = expected >> i & 1 == 1
            #expect(code.isDark(x: code.size - 11 + i % 3, y: i / 3) == bit)
            #expect(code.isDark(x: i / 3, y: code.size - 11 + i % 3) == bit)
        }
    }

    @Test(arguments: [
        (QRCode.Correction.low, 17, 1), (.low, 18, 2),
        (.medium, 14, 1), (.medium, 15, 2),
        (.quartile, 11, 1), (.quartile, 12, 2),
        (.high, 7, 1), (.high, 8, 2),
        // The character count grows from 8 to 16 bits at version 10.
        (.medium, 180, 9), (.medium, 181, 10), (.medium, 213, 10), (.medium, 214, 11),
        (.low, 2953, 40), (.medium, 2331, 40), (.quartile, 1663, 40), (.high, 1273, 40),
    ])
    func smallestVersionThatFits(correction: QRCode.Correction, bytes: Int, version: Int) throws {
        let code = try #require(QRCode(String(repeating: "x", count: bytes), correction: correction))
        #expect(code.version == version)
        #expect(code.size == version * 4 + 17)
    }

    @Test func capacityCountsUTF8Bytes() {
        #expect(QRCode(String(repeating: "é", count: 7))?.version == 1)
        #expect(QRCode(String(repeating: "é", count: 8))?.version == 2)
    }

    @Test func nilWhenTooLong() {
        #expect(QRCode(String(repeating: "x", count: 2954), correction: .low) == nil)
        #expect(QRCode(String(repeating: "x", count: 2332)) == nil)
        #expect(QRCode(String(repeating: "x", count: 1274), correction: .high) == nil)
    }

    @Test func outsideTheSymbolIsLight() throws {
        let code = try #require(QRCode("a"))
        #expect(code.isDark(x: 0, y: 0))
        #expect(!code.isDark(x: -1, y: 0))
        #expect(!code.isDark(x: 0, y: code.size))
    }

    @Test func svgEscapesItsLabelAndDrawsOnePath() throws {
        let code = try #require(QRCode("Café ☕"))
        let svg = code.svg(moduleSize: 3, quietZone: 4, label: #"Kit <"A&B">"#)
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.contains(#"aria-label="Kit &lt;&quot;A&amp;B&quot;&gt;""#))
        #expect(svg.contains(#"role="img""#))
        #expect(svg.contains(#"width="87" height="87" viewBox="0 0 29 29""#))
        #expect(svg.contains(#"shape-rendering="crispEdges""#))
        #expect(svg.split(separator: "<path").count == 2)

        // The runs cover exactly the dark modules, shifted by the quiet zone.
        let d = try #require(svg.split(separator: #" d=""#).last?.split(separator: "\"").first)
        var drawn = Set<[Int]>()
        for run in d.split(separator: "M") {
            // "x yhNv1h-Nz"
            let numbers = run.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            try #require(numbers.count == 5 && numbers[2] == numbers[4] && numbers[3] == 1)
            for dx in 0..<numbers[2] { drawn.insert([numbers[0] + dx - 4, numbers[1] - 4]) }
        }
        let dark = (0..<code.size).flatMap { y in (0..<code.size).filter { code.isDark(x: $0, y: y) }.map { [$0, y] } }
        #expect(drawn == Set(dark))
    }

    @Test func svgMergesHorizontalRuns() throws {
        let code = try #require(QRCode("a"))
        // The top row starts with the finder's seven dark modules.
        #expect(code.svg(quietZone: 2, label: "a").contains(#"d="M2 2h7v1h-7z"#))
    }
}
