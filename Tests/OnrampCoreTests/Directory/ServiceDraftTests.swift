import Foundation
import OnrampCore
import Testing

@Suite struct ServiceDraftTests {
    @Test func aDraftBecomesOneORUKServiceWithItsPlacesHoursAndCosts() {
        let organization = ORUK.Organization(id: "o", name: "Peckham Digital Club", description: "A club")
        var draft = ServiceDraft(id: "s", name: "Tech drop-in", description: "Help with phones.", organization: organization)
        draft.termIDs = ["t"]
        let hours = WeeklyOpening.grouped([
            .init(weekday: 4, opens: 600, closes: 720), .init(weekday: 1, opens: 600, closes: 720), .init(weekday: 6, opens: 540, closes: 780),
        ])
        #expect(hours == [.init(days: "MO,TH", opens: "10:00", closes: "12:00"), .init(days: "SA", opens: "09:00", closes: "13:00")])
        draft.places = [ServiceDraft.Place(location: ORUK.Location(id: "l", name: "Peckham Library", latitude: 51.47, longitude: -0.07), hours: hours)]
        draft.phone = "020 7946 0200"

        // Ids from names within the service: the same draft gives the same ids when asked so.
        let service = draft.service { "s/\($0)" }
        #expect(service == draft.service { "s/\($0)" })
        #expect(service.organization == organization && service.attributes?.map(\.taxonomy_term_id) == ["t"])
        #expect(service.service_at_locations?.first?.schedules?.map(\.byday) == ["MO,TH", "SA"])
        #expect(service.service_at_locations?.first?.schedules?.first?.service_at_location_id == service.service_at_locations?.first?.id)
        #expect(service.contacts?.first?.phones?.first?.number == "020 7946 0200" && service.contacts?.first?.name == "Peckham Digital Club")
        #expect(service.isFree && service.costWords == "Free")

        draft.cost = 0.1
        (draft.costOption, draft.costDescription) = ("A4 page", "per page")
        #expect(!draft.service { $0 }.isFree && draft.service { $0 }.costWords == "10p per page (A4 page)")
        draft.cost = 12.5
        #expect(draft.service { $0 }.costWords == "£12.50 per page (A4 page)")
    }

    @Test func webAddressesAResidentCanFollow() {
        #expect(ServiceDraft.isWebAddress("https://www.southwark.gov.uk/libraries"))
        #expect(!ServiceDraft.isWebAddress("www.southwark.gov.uk") && !ServiceDraft.isWebAddress("https://"))
    }
}
