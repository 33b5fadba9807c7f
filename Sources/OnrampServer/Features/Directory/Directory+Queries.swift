import Fluent
import Foundation
import OnrampCore
import SQLKit

/// What a list of services is narrowed to; every part is combined with AND.
struct ServiceQuery: Sendable {
    /// `SearchText.terms` of what was typed: each must be a word of the name or description.
    var terms: [String] = []
    /// Services with any of these terms (a term and its children).
    var termIDs: [UUID]?
    var taxonomyID: UUID?
    var organizationID: UUID?
    var modifiedAfter: Date?
    /// Only these statuses; nil for all (the feed shows every status, pages only the live ones).
    var statuses: [ORUK.Status]?
    var freeOnly = false
    /// An ISO 639 code.
    var language: String?
    /// The services whose words include every term, once looked up (see `resolved`).
    var matching: [UUID]?

    /// True when nothing narrows the services at all.
    var isEmpty: Bool {
        terms.isEmpty && matching == nil && narrowedByWordsAlone
    }

    /// True when nothing but the words typed narrows the services: then the services the words
    /// matched are the answer, and need not be counted again.
    var narrowedByWordsAlone: Bool {
        termIDs == nil && taxonomyID == nil && organizationID == nil && modifiedAfter == nil && statuses == nil && !freeOnly && language == nil
    }
}

extension ServiceQuery {
    func apply(to select: SQLSelectBuilder) -> SQLSelectBuilder {
        var select = select
        if let matching {
            // PostgreSQL refuses "IN ()": no service matched every word, so none can be found.
            select = matching.isEmpty ? select.where(SQLRaw("1 = 0")) : select.where("id", .in, matching)
        } else {
            for term in terms {
                select = select.where("id", .in, SQLSubquery.select { $0.column("service_id").from(DirectoryRecords.wordsSchema).where("word", .equal, term) })
            }
        }
        if let termIDs {
            select = select.where("id", .in, SQLSubquery.select { $0.column("service_id").from(DirectoryServiceTerm.schema).where("term_id", .in, termIDs) })
        }
        if let taxonomyID {
            select = select.where("id", .in, SQLSubquery.select { sub in
                sub.column("service_id").from(DirectoryServiceTerm.schema).where("term_id", .in, SQLSubquery.select {
                    $0.column("id").from(DirectoryTerm.schema).where("taxonomy_id", .equal, taxonomyID)
                })
            })
        }
        if let organizationID { select = select.where("organization_id", .equal, organizationID) }
        if let modifiedAfter { select = select.where("last_modified", .greaterThanOrEqual, modifiedAfter) }
        if let statuses { select = select.where("status", .in, statuses.map(\.rawValue)) }
        if freeOnly { select = select.where("is_free", .equal, true) }
        if let language { select = select.where("language_codes", .like, "%,\(language),%") }
        return select
    }

    /// The query with its words looked up in the word index first, the terms' services
    /// intersected in SQL, so that the rest of the query starts from the few services that
    /// match instead of reading every service. INTERSECT, not a join: SQLite merges the terms'
    /// lists (`servicesWithEveryWord`); a join looked each of the first term's services up
    /// again and was 2.6 times slower at 100,000 services.
    func resolved(on sql: any SQLDatabase) async throws -> ServiceQuery {
        guard !terms.isEmpty else { return self }
        let rows = try await sql.raw(servicesWithEveryWord).all().map { try $0.id("service_id") }
        // Past a few thousand, the list would outgrow a statement's binds: SQL takes the words itself.
        guard rows.count <= 5000 else { return self }
        var query = self
        // Each service once, so that their number is the search's total.
        query.matching = Array(Set(rows))
        return query
    }

    /// The ids (`service_id`) of the services whose words include every term, in order. The
    /// order is what makes SQLite merge the terms' lists, each read in order from the index by
    /// word: without it, SQLite put the first term's services in a temporary B-tree to look
    /// the others up in. A search for two words of 3,300 services each at 100,000 services,
    /// counted and paged (`wordsAlonePage`), took 2.1 ms without it and 0.55 ms with it.
    var servicesWithEveryWord: SQLQueryString {
        terms.map { "SELECT service_id FROM \(ident: DirectoryRecords.wordsSchema) WHERE word = \(bind: $0)" as SQLQueryString }
            .joined(separator: " INTERSECT ") + " ORDER BY service_id"
    }

    /// Matches in the name first, then by name, then by `id` (the service's).
    func ordered(_ select: SQLSelectBuilder, id: any SQLExpression = SQLIdentifier("id")) -> SQLSelectBuilder {
        var select = select
        if !terms.isEmpty { select = select.orderBy(NameMatches(terms: terms), SQLDirection.descending) }
        return select.orderBy("name").orderBy(id)
    }
}

/// How many of the terms are words of the service's name: the search's ranking.
struct NameMatches: SQLExpression {
    let terms: [String]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("(")
        for (index, term) in terms.enumerated() {
            if index > 0 { serializer.write(" + ") }
            serializer.write("CASE WHEN ")
            SQLIdentifier("name_terms").serialize(to: &serializer)
            serializer.write(" LIKE ")
            SQLBind("% \(term) %").serialize(to: &serializer)
            serializer.write(" THEN 1 ELSE 0 END")
        }
        serializer.write(")")
    }
}

extension DirectoryService {
    /// One page of services, and how many there are in all.
    static func page(_ query: ServiceQuery, _ page: RequestedPage, on database: any Database) async throws -> (total: Int, rows: [DirectoryService]) {
        try await self.page(query, page, columns: SQLLiteral.all, on: database) { try $0.decode(fluentModel: DirectoryService.self) }
    }

    /// One page of services' stored documents alone, and how many there are in all: for the
    /// API's lists, which need no model of each service.
    static func documents(_ query: ServiceQuery, _ page: RequestedPage, on database: any Database) async throws -> (total: Int, documents: [String]) {
        let (total, documents) = try await self.page(query, page, columns: SQLIdentifier("document"), on: database) { try $0.decode(column: "document", as: String.self) }
        return (total, documents)
    }

    /// How many services `query` finds.
    static func count(_ query: ServiceQuery, on database: any Database) async throws -> Int {
        let sql = database as! any SQLDatabase
        return try await count(resolved: query.resolved(on: sql), on: sql)
    }

    private static func count(resolved query: ServiceQuery, on sql: any SQLDatabase) async throws -> Int {
        if query.matching?.isEmpty == true { return 0 }
        if let matching = query.matching, query.narrowedByWordsAlone {
            // The word index holds only services that exist (it goes with them), once each.
            return matching.count
        }
        return try await query.apply(to: sql.select().countingAll(as: "count").from(schema)).first()?.decode(column: "count", as: Int.self) ?? 0
    }

    private static func page<Row>(_ query: ServiceQuery, _ page: RequestedPage, columns: any SQLExpression, on database: any Database,
                                  reading row: (any SQLRow) throws -> Row) async throws -> (total: Int, rows: [Row]) {
        let sql = database as! any SQLDatabase
        if !query.terms.isEmpty, query.matching == nil, query.narrowedByWordsAlone {
            return try await wordsAlonePage(query, page, columns: columns, on: sql, reading: row)
        }
        let query = try await query.resolved(on: sql)
        if query.matching?.isEmpty == true { return (0, []) }
        let total = try await count(resolved: query, on: sql)
        // The page's rows in one statement, in order, rather than their ids and then the rows.
        let rows = try await query.ordered(query.apply(to: sql.select().column(columns).from(schema)))
            .limit(page.size).offset(page.offset).all().map(row)
        return (total, rows)
    }
}

extension DirectoryService {
    /// A search by words alone, a page and its total in one statement: the services with every
    /// word are found once (the common table `matching`), then counted and paged. Looking
    /// them up first, then reading the page by their ids, was two statements, each a turn
    /// through the database's thread, and each id read and bound again.
    private static func wordsAlonePage<Row>(_ query: ServiceQuery, _ page: RequestedPage, columns: any SQLExpression, on sql: any SQLDatabase,
                                        reading row: (any SQLRow) throws -> Row) async throws -> (total: Int, rows: [Row]) {
        let select = sql.select()
            .with("matching", as: query.servicesWithEveryWord)
            .column(SQLRaw("(SELECT COUNT(DISTINCT service_id) FROM matching)"), as: "total")
            .column(columns)
            .from(schema)
            .where("id", .in, SQLSubquery.select { $0.column("service_id").from("matching") })
        let found = try await query.ordered(select).limit(page.size).offset(page.offset).all()
        guard let first = found.first else {
            // Past the last page, the total comes with no row: counted on its own.
            return (page.offset == 0 ? 0 : try await count(resolved: query.resolved(on: sql), on: sql), [])
        }
        return (try first.decode(column: "total", as: Int.self), try found.map(row))
    }
}

/// A service at a location, as the searches read it: its link's three ids, where a Fluent model
/// of each link found (270 of them near a postcode at 100,000 services) was built, read and
/// torn down property by property.
struct ServiceAtPlace: Sendable {
    let id: UUID
    let serviceID: UUID
    let locationID: UUID
}

extension ServiceAtPlace {
    init(_ link: DirectoryServiceLocation) throws {
        self.init(id: try link.requireID(), serviceID: link.serviceID, locationID: link.locationID)
    }

    /// A row with the link's `id`, `service_id` and `location_id`.
    init(row: any SQLRow) throws {
        self.init(id: try row.id("id"), serviceID: try row.id("service_id"), locationID: try row.id("location_id"))
    }
}

/// A service at a location near a point.
struct NearbyService: Sendable {
    let link: ServiceAtPlace
    let metres: Double
}

extension DirectoryServiceLocation {
    /// Services at locations within `metres` of `point`, nearest first, narrowed by `query`.
    /// The links of the places in a box around the point come in one statement, with their
    /// places' positions (`PositionBox`), and are then measured exactly.
    static func near(_ point: NationalGrid.Position, within metres: Double, query: ServiceQuery, on database: any Database) async throws -> [NearbyService] {
        let sql = database as! any SQLDatabase
        let rows = try await links(in: PositionBox(around: point, metres: metres), on: sql).all()
        // Read column by column, and ids only for a place within reach: decoding each row
        // into a struct, and every id, was most of the search's time.
        var found: [NearbyService] = []
        for row in rows {
            let position = NationalGrid.Position(latitude: try row.decode(column: "latitude", as: Double.self), longitude: try row.decode(column: "longitude", as: Double.self))
            let d = Distance.metres(point, position)
            if d <= metres { found.append(NearbyService(link: try ServiceAtPlace(row: row), metres: d)) }
        }
        guard !found.isEmpty else { return [] }
        let query = try await query.resolved(on: sql)
        if !query.isEmpty {
            var allowed: Set<UUID> = []
            for chunk in Array(Set(found.map(\.link.serviceID))).chunked(into: 1000) {
                allowed.formUnion(try await query.apply(to: sql.select().column("id").from(DirectoryService.schema).where("id", .in, Array(chunk)))
                    .all().map { try $0.id("id") })
            }
            found.removeAll { !allowed.contains($0.link.serviceID) }
        }
        // Nearest first, ties by the link's id.
        return found.sorted { $0.metres != $1.metres ? $0.metres < $1.metres : $0.link.id.precedes($1.link.id) }
    }

    /// The links at the places in `box`, as id, service_id and location_id, with the place's
    /// latitude and longitude: the places first, since SQLite would otherwise be free to walk
    /// every link.
    static func links(in box: PositionBox, on sql: any SQLDatabase) -> SQLSelectBuilder {
        let columns = [SQLColumn("id", table: "l"), SQLColumn("service_id", table: "l"), SQLColumn("location_id", table: "l"),
                       SQLColumn("latitude", table: "p"), SQLColumn("longitude", table: "p")]
        return box.narrow(sql.select().columns(columns)
            .from(SQLCrossJoin(left: SQLAlias(SQLIdentifier(DirectoryLocation.schema), as: SQLIdentifier("p")), right: SQLAlias(SQLIdentifier(schema), as: SQLIdentifier("l"))))
            .where(SQLColumn("location_id", table: "l"), .equal, SQLColumn("id", table: "p")), table: "p")
    }

    /// One page of the service-at-location links of the services `query` finds, in service
    /// order, then by id, and how many there are: paged in SQL, where reading every link as a
    /// model and sorting them all took 6.6 s and 730 MB a page at 100,000 services.
    static func page(of query: ServiceQuery, _ page: RequestedPage, on database: any Database) async throws -> (total: Int, links: [ServiceAtPlace]) {
        let sql = database as! any SQLDatabase
        let query = try await query.resolved(on: sql)
        if query.matching?.isEmpty == true { return (0, []) }
        // The services found, as a table "s", then their links "l": in that order, so that SQLite
        // walks the services by name and stops at the page's end, rather than sorting every link.
        let services = query.apply(to: sql.select().columns("id", "name", "name_terms").from(DirectoryService.schema)).select
        func joined(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
            select.from(SQLCrossJoin(left: SQLAlias(SQLGroupExpression(services), as: SQLIdentifier("s")), right: SQLAlias(SQLIdentifier(schema), as: SQLIdentifier("l"))))
                .where(SQLColumn("service_id", table: "l"), .equal, SQLColumn("id", table: "s"))
        }
        // Every link's service exists (a foreign key), so with nothing to narrow them, all are counted.
        let total = try await (query.isEmpty ? sql.select().countingAll(as: "count").from(schema) : joined(sql.select().countingAll(as: "count")))
            .first()?.decode(column: "count", as: Int.self) ?? 0
        let columns = ["id", "service_id", "location_id"].map { SQLAlias(SQLColumn($0, table: "l"), as: SQLIdentifier($0)) }
        let rows = try await query.ordered(joined(sql.select().columns(columns)), id: SQLColumn("id", table: "s"))
            .orderBy(SQLColumn("id", table: "l")).limit(page.size).offset(page.offset).all()
        return (total, try rows.map(ServiceAtPlace.init(row:)))
    }

    /// Every service-at-location link of the services `query` finds, in service order, then by
    /// the link's id, for a search that must look at each (open now).
    static func all(of query: ServiceQuery, on database: any Database) async throws -> [ServiceAtPlace] {
        let sql = database as! any SQLDatabase
        let query = try await query.resolved(on: sql)
        let ids = try await query.ordered(query.apply(to: sql.select().column("id").column("name").from(DirectoryService.schema)))
            .all().map { try $0.id("id") }
        var links: [ServiceAtPlace] = []
        for chunk in ids.chunked(into: 1000) {
            links += try await sql.select().columns("id", "service_id", "location_id").from(schema).where("service_id", .in, Array(chunk))
                .all().map(ServiceAtPlace.init(row:))
        }
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return links.map { (place: order[$0.serviceID] ?? 0, link: $0) }
            .sorted { $0.place != $1.place ? $0.place < $1.place : $0.link.id.precedes($1.link.id) }
            .map(\.link)
    }
}

extension PostcodePoint {
    static func find(_ postcode: String, on database: any Database) async throws -> PostcodePoint? {
        try await PostcodePoint.query(on: database).filter(\.$postcode == postcode).first()
    }
}
