/// A QR code (ISO/IEC 18004, model 2) holding a text's UTF-8 bytes in byte mode, for printed
/// labels that open a page when scanned.
///
/// Masks are scored with the format, version and dark-module cells still light, as the reference
/// encoder segno does, so that our symbols match its output module for module.
public struct QRCode: Sendable, Equatable {
    public enum Correction: Sendable {
        case low, medium, quartile, high

        /// Row in the block tables, which list the levels from L to H.
        var index: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .quartile: 2
            case .high: 3
            }
        }

        /// The two bits the format information uses, which the standard orders M, L, H, Q.
        var formatBits: Int { [1, 0, 3, 2][index] }
    }

    public let version: Int
    public let correction: Correction
    public let mask: Int
    /// Row-major, `true` for dark.
    private let modules: [Bool]

    public var size: Int { version * 4 + 17 }

    /// Outside the symbol is light, so callers can draw a quiet zone by asking beyond the edges.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// Nil when the text does not fit in a version 40 symbol at this level.
    public init?(_ text: String, correction: Correction = .medium) {
        let bytes = Array(text.utf8)
        guard let version = (1...40).first(where: { v in
            4 + Self.countBits(v) + bytes.count * 8 <= Self.dataCodewords(v, correction) * 8
        }) else { return nil }
        self.version = version
        self.correction = correction

        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { bits.append(value >> i & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, Self.countBits(version))
        for byte in bytes { append(Int(byte), 8) }
        let capacity = Self.dataCodewords(version, correction) * 8
        append(0, min(4, capacity - bits.count))
        // Only up to the byte boundary; segno 1.6 adds a whole zero byte when already on one (its issue #148).
        append(0, (8 - bits.count % 8) % 8)
        var data = stride(from: 0, to: bits.count, by: 8).map { i in
            bits[i..<i + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
        }
        for pad in 0..<(capacity / 8 - data.count) { data.append(pad % 2 == 0 ? 0xEC : 0x11) }

        var grid = Grid(version: version)
        grid.place(Self.codewords(data, version: version, correction: correction))
        let scores = (0..<8).map { Self.penalty(grid.masked($0), size: grid.size) }
        // Ties go to the lowest mask number, as in other encoders, so output is reproducible.
        mask = scores.firstIndex(of: scores.min()!)!
        grid.dark = grid.masked(mask)
        grid.drawFormat(correction.formatBits << 3 | mask)
        grid.drawVersion()
        // The dark module beside the lower-left finder, left light while scoring.
        grid.set(8, grid.size - 8, true)
        modules = grid.dark
    }

    /// Inline SVG, one path of horizontal runs on a white square, scaled by `moduleSize` pixels.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, label: String) -> String {
        let side = size + 2 * quietZone
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while isDark(x: x, y: y) { x += 1 }
                path += "M\(start + quietZone) \(y + quietZone)h\(x - start)v1h-\(x - start)z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(side * moduleSize)" height="\(side * moduleSize)" \
            viewBox="0 0 \(side) \(side)" role="img" aria-label="\(HTML.escape(label))" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }

    // MARK: - Capacity and error correction

    /// Error-correction codewords per block, by level (L, M, Q, H) then version 1–40.
    private static let ecPerBlock: [[Int]] = [
        [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    /// Blocks the codewords are split into, by level then version 1–40.
    private static let blockCounts: [[Int]] = [
        [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    private static func countBits(_ version: Int) -> Int { version < 10 ? 8 : 16 }

    /// Codewords the data area holds: everything except function patterns, format and version
    /// information, and the 0–7 remainder bits.
    private static func totalCodewords(_ version: Int) -> Int {
        var modules = (16 * version + 128) * version + 64
        if version >= 2 {
            let aligns = version / 7 + 2
            modules -= (25 * aligns - 10) * aligns - 55
            if version >= 7 { modules -= 36 }
        }
        return modules / 8
    }

    private static func dataCodewords(_ version: Int, _ correction: Correction) -> Int {
        totalCodewords(version) - ecPerBlock[correction.index][version - 1] * blockCounts[correction.index][version - 1]
    }

    /// Splits the data into blocks (the later ones one codeword longer when it does not divide
    /// evenly), appends each block's Reed–Solomon codewords, and interleaves them column by column
    /// so a smudge damages several blocks a little rather than one beyond repair.
    private static func codewords(_ data: [Int], version: Int, correction: Correction) -> [Int] {
        let count = blockCounts[correction.index][version - 1]
        let ecLength = ecPerBlock[correction.index][version - 1]
        let total = totalCodewords(version)
        let shortLength = total / count - ecLength
        let generator = rsGenerator(degree: ecLength)
        var blocks: [[Int]] = []
        var start = 0
        for b in 0..<count {
            let length = shortLength + (b >= count - total % count ? 1 : 0)
            blocks.append(Array(data[start..<start + length]))
            start += length
        }
        let ecBlocks = blocks.map { rsRemainder($0, generator) }
        var out: [Int] = []
        for i in 0...shortLength { for block in blocks where i < block.count { out.append(block[i]) } }
        for i in 0..<ecLength { for ec in ecBlocks { out.append(ec[i]) } }
        return out
    }

    /// Multiplication in GF(256) modulo x⁸ + x⁴ + x³ + x² + 1 (0x11D).
    private static func gfMultiply(_ a: Int, _ b: Int) -> Int {
        var product = 0
        for i in stride(from: 7, through: 0, by: -1) {
            product = (product << 1) ^ ((product >> 7) * 0x11D)
            product ^= (b >> i & 1) * a
        }
        return product
    }

    /// Coefficients of (x − α⁰)(x − α¹)…(x − α^(degree−1)), highest first, leading 1 dropped.
    private static func rsGenerator(degree: Int) -> [Int] {
        var coefficients = [Int](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                coefficients[j] = gfMultiply(coefficients[j], root)
                if j + 1 < degree { coefficients[j] ^= coefficients[j + 1] }
            }
            root = gfMultiply(root, 2)
        }
        return coefficients
    }

    private static func rsRemainder(_ data: [Int], _ generator: [Int]) -> [Int] {
        var remainder = [Int](repeating: 0, count: generator.count)
        for byte in data {
            let factor = byte ^ remainder.removeFirst()
            remainder.append(0)
            for i in remainder.indices { remainder[i] ^= gfMultiply(generator[i], factor) }
        }
        return remainder
    }

    // MARK: - Masking

    private static func maskBit(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// The four penalty rules: long runs, 2×2 blocks, finder-like 1:1:3:1:1 patterns, and
    /// imbalance of dark and light.
    private static func penalty(_ modules: [Bool], size: Int) -> Int {
        var score = 0
        for i in 0..<size {
            let row = Array(modules[i * size..<(i + 1) * size])
            let column = (0..<size).map { modules[$0 * size + i] }
            score += runPenalty(row) + runPenalty(column) + finderPenalty(row) + finderPenalty(column)
        }
        for y in 1..<size {
            for x in 1..<size {
                let here = modules[y * size + x]
                if modules[y * size + x - 1] == here, modules[(y - 1) * size + x] == here,
                   modules[(y - 1) * size + x - 1] == here { score += 3 }
            }
        }
        let total = size * size
        let dark = modules.count(where: { $0 })
        return score + abs(dark * 20 - total * 10) / total * 10
    }

    private static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0
        var start = 0
        for i in 1...line.count where i == line.count || line[i] != line[start] {
            if i - start >= 5 { score += i - start - 2 }
            start = i
        }
        return score
    }

    private static let finderLike = [true, false, true, true, true, false, true]

    /// Counts a 1:1:3:1:1 run with four light modules (or the edge) on either side. After a match
    /// the search resumes past it, as segno does, so overlapping matches are not counted twice.
    private static func finderPenalty(_ line: [Bool]) -> Int {
        var score = 0
        var i = 0
        while i + 7 <= line.count {
            guard line[i..<i + 7].elementsEqual(finderLike) else { i += 1; continue }
            if !line[max(0, i - 4)..<i].contains(true) || !line[(i + 7)..<min(line.count, i + 11)].contains(true) {
                score += 40
                i += 7
            } else {
                // The next possible match starts at the pattern's last three dark modules.
                i += 4
            }
        }
        return score
    }

    // MARK: - Matrix

    private struct Grid {
        let version: Int
        let size: Int
        var dark: [Bool]
        /// Cells that belong to function patterns or format/version information rather than data.
        var reserved: [Bool]

        init(version: Int) {
            self.version = version
            size = version * 4 + 17
            dark = Array(repeating: false, count: size * size)
            reserved = dark
            // Finders with their light separators.
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                drawSquare(x, y, radius: 4) { $0 != 2 && $0 != 4 }
            }
            let aligns = Self.alignmentPositions(version)
            for x in aligns {
                for y in aligns where !reserved[y * size + x] {
                    drawSquare(x, y, radius: 2) { $0 != 1 }
                }
            }
            // Alignment patterns on row or column 6 agree with the timing there.
            for i in 8..<size - 8 {
                set(6, i, i % 2 == 0)
                set(i, 6, i % 2 == 0)
            }
            // Reserve as light until the mask is chosen.
            drawFormat(bits: 0)
            if version >= 7 { drawVersion(bits: 0) }
            set(8, size - 8, false)
        }

        mutating func set(_ x: Int, _ y: Int, _ isDark: Bool) {
            dark[y * size + x] = isDark
            reserved[y * size + x] = true
        }

        /// Concentric rings around (x, y), clipped at the edges; `isDark` gets each ring's distance.
        private mutating func drawSquare(_ x: Int, _ y: Int, radius: Int, isDark: (Int) -> Bool) {
            for dy in -radius...radius {
                for dx in -radius...radius where (0..<size).contains(x + dx) && (0..<size).contains(y + dy) {
                    set(x + dx, y + dy, isDark(max(abs(dx), abs(dy))))
                }
            }
        }

        /// Centres shared by rows and columns; the caller skips the three that fall on a finder.
        private static func alignmentPositions(_ version: Int) -> [Int] {
            guard version > 1 else { return [] }
            let count = version / 7 + 2
            let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
            let last = version * 4 + 10
            return [6] + (0..<count - 1).reversed().map { last - $0 * step }
        }

        /// Codewords fill two-module columns in a zigzag from the bottom right, skipping the
        /// vertical timing column; cells left over are remainder bits and stay light.
        mutating func place(_ codewords: [Int]) {
            var bit = 0
            for right in stride(from: size - 1, through: 1, by: -2) {
                let right = right <= 6 ? right - 1 : right
                let upward = (right + 1) & 2 == 0
                for vertical in 0..<size {
                    let y = upward ? size - 1 - vertical : vertical
                    for x in [right, right - 1] where !reserved[y * size + x] && bit < codewords.count * 8 {
                        dark[y * size + x] = codewords[bit / 8] >> (7 - bit % 8) & 1 == 1
                        bit += 1
                    }
                }
            }
        }

        func masked(_ mask: Int) -> [Bool] {
            dark.indices.map { i in
                dark[i] != (!reserved[i] && QRCode.maskBit(mask, x: i % size, y: i / size))
            }
        }

        /// Five data bits protected by a BCH(15,5) code, XORed with 0x5412 so they are never all
        /// light, drawn twice: around the top-left finder, and split between the other two.
        mutating func drawFormat(_ data: Int) {
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            drawFormat(bits: (data << 10 | remainder) ^ 0x5412)
        }

        private mutating func drawFormat(bits: Int) {
            func bit(_ i: Int) -> Bool { bits >> i & 1 == 1 }
            for i in 0..<6 { set(8, i, bit(i)) }
            set(8, 7, bit(6))
            set(8, 8, bit(7))
            set(7, 8, bit(8))
            for i in 9..<15 { set(14 - i, 8, bit(i)) }
            for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
            for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
        }

        /// Versions 7 and up carry their number, BCH(18,6)-protected, in two 6×3 blocks.
        mutating func drawVersion() {
            guard version >= 7 else { return }
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            drawVersion(bits: version << 12 | remainder)
        }

        private mutating func drawVersion(bits: Int) {
            for i in 0..<18 {
                let isDark = bits >> i & 1 == 1
                set(size - 11 + i % 3, i / 3, isDark)
                set(i / 3, size - 11 + i % 3, isDark)
            }
        }
    }
}
