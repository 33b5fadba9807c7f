import Benchmark
import Foundation
import OnrampCore

// The triage engine: the whole standard catalogue (7 offers and their rules) worked out for
// 100,000 generated answer sets, against a baseline in the same run that only reads one answer
// per offer from each set, so the figure reads as a ratio on a noisy machine.
//
//   cd Benchmarks && swift package benchmark --target HelpBenchmarks

/// Answer sets covering every question, drawn with a fixed seed so each run sees the same ones.
func generatedAnswers(_ count: Int) -> [TriageAnswers] {
    var state: UInt64 = 0x5eed
    func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
    return (0..<count).map { _ in
        var values: [String: [String]] = [:]
        for question in TriageQuestions.standard {
            switch question.kind {
            case .single: values[question.id] = [question.options[next(question.options.count)].value]
            case .multiple:
                let plain = question.options.filter { !$0.exclusive }
                let chosen = plain.filter { _ in next(3) == 0 }.map(\.value)
                values[question.id] = chosen.isEmpty ? [question.options.last!.value] : chosen
            case .skills:
                for task in question.options { values["skills.\(task.value)"] = [TriageQuestions.skillLevels[next(3)].value] }
            case .postcode: values[question.id] = [""]
            }
        }
        return TriageAnswers(values).pruned()
    }
}

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
    } setup: { generatedAnswers(100_000) }

    Benchmark("Triage engine: the full catalogue for 100,000 answer sets") { benchmark, sets in
        var eligible = 0
        for answers in sets { eligible &+= MinimumAccessPackage(answers: answers, catalogue: catalogue).eligible.count }
        blackHole(eligible)
    } setup: { generatedAnswers(100_000) }
}
