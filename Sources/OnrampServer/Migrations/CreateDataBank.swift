import Fluent
import SQLKit

/// The data bank (SIMs and vouchers with sealed codes), files kept with devices' records, and
/// the low-stock alerts already sent.
struct CreateDataBank: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DataPack.schema)
            .id()
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("batch", .string, .required)
            .field("kind", .string, .required)
            .field("network", .string, .required)
            .field("allowance_gb", .int, .required)
            .field("months", .int, .required)
            .field("expires_on", .string, .required)
            .field("code_sealed", .string, .required)
            .field("code_digest", .string, .required)
            .field("code_ending", .string, .required)
            .field("referral_id", .uuid, .references(Referral.schema, .id))
            .field("given_on", .string)
            .field("given_by", .string)
            .field("ends_on", .string)
            .field("reminded_at", .datetime)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "council_id", "code_digest")
            .create()
        let sql = database as! any SQLDatabase
        // Stock by network reads this alone; so does choosing the pack to give.
        try await sql.create(index: "kit_data_packs_stock").on(DataPack.schema)
            .column("council_id").column("network").column("kind").column("referral_id").column("expires_on").run()
        try await database.schema(StockAlert.schema)
            .id()
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("item", .string, .required)
            .field("sent_on", .string, .required)
            .create()
        try await database.schema(KitFile.schema)
            .id()
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("device_id", .uuid, .required, .references(KitDevice.schema, .id))
            .field("purpose", .string, .required)
            .field("wipe_id", .uuid, .references(DeviceWipe.schema, .id))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "kit_files_device").on(KitFile.schema).column("device_id").run()
        try await database.schema(KitFileContent.schema)
            .field("id", .uuid, .identifier(auto: false), .references(KitFile.schema, .id))
            .field("data", .data, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [KitFileContent.schema, KitFile.schema, StockAlert.schema, DataPack.schema] {
            try await database.schema(schema).delete()
        }
    }
}
