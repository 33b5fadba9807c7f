import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: OperationsController())
    try app.register(collection: HomeController())
    try app.register(collection: SignInController())
    try app.register(collection: AccountController())
    try app.register(collection: UsersController())
    try app.register(collection: InvitationsController())
    try app.register(collection: OrganisationsController())
    try app.register(collection: AuditController())
    try app.register(collection: OutboxController())
    try app.register(collection: PlacesController())
    try app.register(collection: PlacesAPIController())
    try app.register(collection: APIController())
    try app.register(collection: DirectoryController())
    try app.register(collection: DirectoryEditingController())
    try app.register(collection: ORUKController(path: app.onramp.settings.orukPath))
}
