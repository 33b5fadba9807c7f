import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// A letter goes to Notify only with an address Notify posts to, every line of it; any other
/// goes to staff to post, rather than to Notify with lines lost.
@Suite struct LetterAddressTests {
    @Test func everyLineGoesToNotifyAndAnAddressItWouldRefuseGoesToStaff() async throws {
        let fake = try await FakeNotify.start()
        let app = try await Application.make(.testing)
        do {
            let notify = NotifyClient(settings: FakeNotify.settings(fake), client: app.client, now: { Date() })
            let posted = OutgoingMessage(id: UUID(), channel: .letter, recipient: "Ada Lovelace\nFlat 2\n1 High Street\nLondon\nSE1 7PB", subject: "Your help", body: "Hello")
            #expect(await notify.send(posted) == .accepted(providerID: "notify-1"))
            let sent = try #require(fake.received.first)
            #expect(sent.path == "letter")
            for (index, line) in ["Ada Lovelace", "Flat 2", "1 High Street", "London", "SE1 7PB"].enumerated() {
                #expect(sent.body.contains("\"address_line_\(index + 1)\":\"\(line)\""))
            }
            // Eight lines, no postcode last, or no fixed abode: Notify would refuse them, so staff post them.
            for recipient in ["Ada Lovelace\n1\n2\n3\n4\n5\n6\nSE1 7PB", "Ada Lovelace\n1 High Street\nLondon", "Ada Lovelace\nNFA\nSE1 7PB"] {
                #expect(await notify.send(OutgoingMessage(id: UUID(), channel: .letter, recipient: recipient, subject: "Your help", body: "Hello")) == .forStaff)
            }
            #expect(fake.received.count == 1)
        } catch {
            try await app.asyncShutdown()
            try await fake.stop()
            throw error
        }
        try await app.asyncShutdown()
        try await fake.stop()
    }
}
