import Fluent

/// Every migration, in the order they run. Append only: a released migration never changes,
/// and what a change needs is a new migration at the end (`SchemaSnapshotTests` keeps the
/// schema they make on both databases, and fails when it moves without the snapshot).
enum Migrations {
    static let all: [any Migration] = [
        CreateOrganisations(),
        CreateUsers(),
        CreateUserSessions(),
        CreateSignInAttempts(),
        CreateInvitations(),
        CreateAuditEvents(),
        CreateOutboxMessages(),
        CreatePlaces(),
        CreateIndexRuns(),
        CreateAreaShapes(),
        CreateLibraryPoints(),
        AddIndexRunGeography(),
        CreateCouncilIndicators(),
        CreateDirectory(),
        CreateCases(),
        CreateKit(),
        CreateKitAllocations(),
        CreateDataBank(),
        CreateResidentViews(),
        AddTriageDraftAskedToken(),
        CreateCouncilContacts(),
        AddOutboxLargePrint(),
        AddHouseholdQuantities(),
        CreateSocialTariffs(),
        AddResidentSearchKeys(),
        CreateSkillSessions(),
        CreateChampions(),
        CreateSkillsReviews(),
        AddReferralCombinedInto(),
        CreateFollowUps(),
        CreateScheduledJobs(),
        AddPostcodeAreas(),
        CreatePublishedMaps(),
        AddInsightIndexes(),
        MendEditedMigrations(),
    ]
}
