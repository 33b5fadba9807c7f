import Benchmark
import Foundation
import OnrampCore

// The triage engine: the whole standard catalogue (7 offers and their rules) worked out for
// 100,000 generated answer sets, against a baseline in the same run that only reads one answer
// per offer from each set, so the figure reads as a ratio on a noisy machine.
//
//   cd Benchmarks && swift package benchmark --target HelpBenchmarks

let catalogue = OfferKind.allCases.enumerated().map { index, kind in
    Offer(id: kind.rawValue, kind: kind, name: kind.label, summary: "", rule: StandardOffers.rules[kind]!, position: index)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 10
    )

    Benchmark("Baseline: read one answer per offer from 100,000 answer sets") { benchmark, sets in
        var total = 0
        for answers in sets {
            for offer in catalogue { total &+= answers.first(offer.kind == .dataSIM ? "age" : "benefits")?.count ?? 0 }
        }
        blackHole(total)
    } setup: { ExampleResidents.drawn(100_000) }

    Benchmark("Triage engine: the full catalogue for 100,000 answer sets") { benchmark, sets in
        var eligible = 0
        for answers in sets { eligible &+= MinimumAccessPackage(answers: answers, catalogue: catalogue).eligible.count }
        blackHole(eligible)
    } setup: { ExampleResidents.drawn(100_000) }
}
