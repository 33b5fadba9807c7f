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
var areas: [RiskIndex.Area] = []
while let record = reader.next() {
    var values: [String: Double] = [:]
    for (key, text) in zip(header.dropFirst(), record.fields.dropFirst()) where !text.isEmpty { values[key] = Double(text) }
    areas.append(RiskIndex.Area(code: record.fields[0], values: values))
}
let runs = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5
var timings: [Double] = []
var scores: [RiskIndex.Score] = []
for _ in 0..<runs {
    let start = ContinuousClock.now
    scores = try RiskIndex.compute(areas: areas, base: areas, settings: RiskIndex.Settings())
    let elapsed = ContinuousClock.now - start
    timings.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
}
let median = timings.sorted()[timings.count / 2]
print(String(format: "swift: %d areas, median of %d runs %.1f ms", areas.count, runs, median))
let lines = ["lsoa21_code,risk_index"] + scores.map { "\($0.code),\($0.index.map { String($0) } ?? "")" }
try (lines.joined(separator: "\n") + "\n").write(toFile: arguments[2], atomically: true, encoding: .utf8)
