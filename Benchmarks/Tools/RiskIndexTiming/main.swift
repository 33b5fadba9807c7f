import Foundation
import OnrampCore

// Times OnrampCore's risk index on the rows of a CSV written by `onramp index-inputs`, every
// row in one base, as scripts/risk_index_pandas.py does the same with pandas. Writes the
// results beside, so the two can be checked against each other.
//
//   risk-index-timing INPUTS.csv RESULTS.csv [RUNS]

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: risk-index-timing INPUTS.csv RESULTS.csv [RUNS]\n".utf8))
    exit(64)
}
var reader = try CSVReader(path: arguments[1])
let header = reader.next()!.fields
var codes: [String] = []
var columns = [[Double]](repeating: [], count: header.count - 1)
while let record = reader.next() {
    codes.append(record.fields[0])
    for (column, text) in record.fields.dropFirst().enumerated() { columns[column].append(text.isEmpty ? .nan : Double(text) ?? .nan) }
}
// In columns, as pandas reads it: both are timed from the table in memory to the index.
let table = RiskIndex.Table(codes: codes, keys: Array(header.dropFirst()), values: columns.flatMap { $0 })
let settings = RiskIndex.Settings()
let runs = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5
var timings: [Double] = []
var index: [Double] = []
for _ in 0..<runs {
    let start = ContinuousClock.now
    index = try RiskIndex.compute(table, ranges: RiskIndex.ranges(of: table, for: RiskIndex.counted(settings)), settings: settings).index
    let elapsed = ContinuousClock.now - start
    timings.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
}
let median = timings.sorted()[timings.count / 2]
print(String(format: "swift: %d areas, median of %d runs %.3f ms", codes.count, runs, median))

// The same from the server's side: areas as dictionaries in, and a score with dictionaries out
// for every area, as `onramp index` stores them.
let areas = codes.indices.map { row in
    RiskIndex.Area(code: codes[row], values: Dictionary(uniqueKeysWithValues: table.keys.indices.compactMap { k in
        let value = table.values[k * codes.count + row]
        return value.isNaN ? nil : (table.keys[k], value)
    }))
}
var perArea: [Double] = []
for _ in 0..<runs {
    let start = ContinuousClock.now
    let scores = try RiskIndex.compute(areas: areas, base: areas, settings: settings)
    let elapsed = ContinuousClock.now - start
    precondition(zip(scores, index).allSatisfy { ($0.index ?? .nan).bitPattern == $1.bitPattern || ($0.index == nil && $1.isNaN) })
    perArea.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
}
print(String(format: "swift, areas in and scores out as the server does: median %.3f ms", perArea.sorted()[runs / 2]))
let lines = ["lsoa21_code,risk_index"] + zip(codes, index).map { "\($0),\($1.isNaN ? "" : String($1))" }
try (lines.joined(separator: "\n") + "\n").write(toFile: arguments[2], atomically: true, encoding: .utf8)
