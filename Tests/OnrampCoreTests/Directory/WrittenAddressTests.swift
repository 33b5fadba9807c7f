import Foundation
@testable import OnrampCore
import Testing

/// Addresses as the directory's pages write them: each part once, no empty part, no stray space.
@Suite struct WrittenAddressTests {
    static func address(_ first: String, city: String, county: String = "Greater London", region: String? = nil, postcode: String) -> ORUK.Address {
        var address = ORUK.Address(id: "a", location_id: "l", address_1: first, city: city, state_province: county, postal_code: postcode)
        address.region = region
        return address
    }

    /// Southwark's Library Data Schema file has "147 Walworth Road, London " as a first line; the
    /// demo adds the city London. It was written "147 Walworth Road, London , SE17 1RW" in the
    /// results and "147 Walworth Road, London / London / SE17 1RW" on the service's page.
    @Test func aTownTypedTwiceAndATrailingSpaceAreWrittenOnce() {
        let walworth = Self.address("147 Walworth Road, London ", city: "London", postcode: "SE17 1RW")
        #expect(walworth.writtenLines == ["147 Walworth Road", "London", "SE17 1RW"])
        #expect(walworth.writtenOnOneLine == "147 Walworth Road, London, SE17 1RW")
        #expect(!walworth.writtenOnOneLine.contains(" ,"))
        #expect(walworth.writtenLines.filter { $0 == "London" }.count == 1)
    }

    @Test func aCountyThatOnlyWidensTheTownIsLeftOutAndARealOneKept() {
        #expect(Self.address("211 Borough High Street", city: "London", postcode: "SE1 1JA").writtenOnOneLine == "211 Borough High Street, London, SE1 1JA")
        #expect(Self.address("Broad Street", city: "Hereford", county: "Herefordshire", postcode: "HR4 9AU").writtenLines
            == ["Broad Street", "Hereford", "Herefordshire", "HR4 9AU"])
        #expect(Self.address("1 High Street", city: "Maidstone", county: "KENT", region: "Kent", postcode: "ME14 1XX").writtenLines
            == ["1 High Street", "Maidstone", "Kent", "ME14 1XX"])
    }

    @Test func emptyPartsSpacesAndThePostcodeAreTidied() {
        // A spreadsheet row with no town or county, the postcode typed in lower case and twice.
        let typed = Self.address("  Market Place,,  Southwark Park Road ,  se16 3uq", city: " ", county: "", postcode: "se163uq")
        #expect(typed.writtenLines == ["Market Place", "Southwark Park Road", "SE16 3UQ"])
        #expect(Self.address("Hall, London SE1 7PB", city: "London", postcode: "SE1 7PB").writtenOnOneLine == "Hall, London, SE1 7PB")
        // Only a whole postcode is cut from a line.
        #expect(Self.address("Unit SE1 1AA", city: "", county: "", postcode: "E1 1AA").writtenLines == ["Unit SE1 1AA", "E1 1AA"])
        // What is not a postcode is kept as it was typed.
        #expect(Self.address("1 Road", city: "Town", county: "", postcode: " unknown ").writtenLines == ["1 Road", "Town", "unknown"])
        #expect(Self.address("", city: "", county: "", postcode: "").writtenLines.isEmpty)
    }

    @Test func aPlaceIsVisitedAtItsPhysicalAddress() {
        var location = ORUK.Location(id: "l", name: "Hall", latitude: nil, longitude: nil)
        var postal = Self.address("PO Box 1", city: "London", postcode: "SE1 7PB")
        postal.address_type = "postal"
        location.addresses = [postal, Self.address("1 Road", city: "London", postcode: "SE1 7PB")]
        #expect(location.visitingAddress?.address_1 == "1 Road")
        location.addresses = [postal]
        #expect(location.visitingAddress?.address_1 == "PO Box 1")
    }
}

@Suite struct PlaceHoursTests {
    @Test func aPlacesHoursAreItsServicesHoursTogether() {
        let library = WeeklyOpening(schedules: [
            ORUK.Schedule(id: "a", byday: "MO,TU", opens_at: "09:00", closes_at: "17:00"),
            ORUK.Schedule(id: "b", byday: "SA", opens_at: "10:00", closes_at: "13:00"),
        ])
        let classes = WeeklyOpening(schedules: [ORUK.Schedule(id: "c", byday: "TU", opens_at: "16:00", closes_at: "19:00"),
                                                ORUK.Schedule(id: "d", byday: "TH", opens_at: "10:00", closes_at: "12:00")])
        let place = WeeklyOpening.union([library, classes, library])
        #expect(place.lines == [
            "Monday: 9am to 5pm", "Tuesday: 9am to 7pm", "Wednesday: closed", "Thursday: 10am to midday",
            "Friday: closed", "Saturday: 10am to 1pm", "Sunday: closed",
        ])
        #expect(WeeklyOpening.union([library]) == library)
        #expect(WeeklyOpening.union([]).sessions.isEmpty && WeeklyOpening.union([]).summaryLines.isEmpty)
    }

    @Test func aServicesTimesInShort() {
        let classes = WeeklyOpening(schedules: [ORUK.Schedule(id: "c", byday: "TU", opens_at: "16:00", closes_at: "19:00"),
                                                ORUK.Schedule(id: "d", byday: "TH", opens_at: "10:00", closes_at: "12:00")])
        #expect(classes.summaryLines == ["Tuesday, 4pm to 7pm", "Thursday, 10am to midday"])
        let weekdays = WeeklyOpening(schedules: [ORUK.Schedule(id: "a", byday: "MO,TU,WE,TH,FR", opens_at: "10:00", closes_at: "17:00")])
        #expect(weekdays.summaryLines == ["Monday to Friday, 10am to 5pm"])
        let loans = WeeklyOpening(schedules: [ORUK.Schedule(id: "a", byday: "MO,WE,FR", opens_at: "10:00", closes_at: "16:00"),
                                              ORUK.Schedule(id: "b", byday: "WE", opens_at: "17:00", closes_at: "18:00")])
        #expect(loans.summaryLines == ["Monday and Friday, 10am to 4pm", "Wednesday, 10am to 4pm and 5pm to 6pm"])
        // Blue Anchor Library's staffed hours, on paper.
        let blueAnchor = WeeklyOpening(schedules: [ORUK.Schedule(id: "a", byday: "MO,TU,TH", opens_at: "09:00", closes_at: "19:00"),
                                                   ORUK.Schedule(id: "b", byday: "FR", opens_at: "10:00", closes_at: "18:00"),
                                                   ORUK.Schedule(id: "c", byday: "SA", opens_at: "09:00", closes_at: "17:00")])
        #expect(blueAnchor.weekInOneLine == "Monday, Tuesday and Thursday, 9am to 7pm; Friday, 10am to 6pm; Saturday, 9am to 5pm; closed on Wednesday and Sunday")
        #expect(weekdays.weekInOneLine == "Monday to Friday, 10am to 5pm; closed on Saturday and Sunday")
        let everyDay = WeeklyOpening(schedules: [ORUK.Schedule(id: "a", byday: "MO,TU,WE,TH,FR,SA,SU", opens_at: "09:00", closes_at: "17:00")])
        #expect(everyDay.weekInOneLine == "Monday to Sunday, 9am to 5pm" && everyDay.closedDays == nil)
        #expect(WeeklyOpening(schedules: []).weekInOneLine == nil)
    }
}
