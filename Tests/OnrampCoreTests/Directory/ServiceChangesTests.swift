import Foundation
import OnrampCore
import Testing

@Suite struct ServiceChangesTests {
    @Test func eachFieldIsShownBesideWhatIsPublishedAndChangesAreMarked() {
        let organization = ORUK.Organization(id: "o", name: "Club", description: "A club")
        var draft = ServiceDraft(id: "s", name: "Wi-Fi", description: "Free Wi-Fi.", organization: organization)
        draft.termIDs = ["t"]
        let published = draft.service { $0 }
        draft.name = "Free Wi-Fi"
        let fields = ServiceChanges.compare(published: published, proposed: draft.service { $0 }, termNames: ["t": "Free Wi-Fi"])
        #expect(fields.filter(\.isChanged).map(\.label) == ["Name"])
        #expect(fields.first { $0.label == "Kind of help" }?.proposed == "Free Wi-Fi")
        #expect(fields.first { $0.label == "Cost" }?.proposed == "Free")
        // A new service has nothing published beside it.
        #expect(ServiceChanges.compare(published: nil, proposed: published, termNames: [:]).allSatisfy { $0.published == nil })
    }

    @Test func servicesCheckedSixMonthsAgoOrMoreAreDue() {
        var london = Calendar(identifier: .gregorian)
        london.timeZone = TimeZone(identifier: "Europe/London")!
        let now = london.date(from: DateComponents(year: 2026, month: 11, day: 22, hour: 0, minute: 30))!
        #expect(ServiceChanges.reviewCutoff(now: now, months: 6, calendar: london) == "2026-05-22")
        #expect(ServiceChanges.reviewCutoff(now: london.date(from: DateComponents(year: 2026, month: 8, day: 31))!, months: 6, calendar: london) == "2026-02-28")
    }
}
