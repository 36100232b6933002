import CaseStore
import CaseWorkflow
import Foundation

/// `casefile users`: who may do what.
///
/// While no user is registered, roles are not enforced (a new store, the samples and tests
/// work as before). The first user may be added by anyone but must hold the supervisor
/// role, so that someone can manage the users afterwards; from then on only a registered
/// supervisor adds users or changes roles, and every command that needs a role checks the
/// acting user (`--user`) against the table.
package enum UsersCommands {
  /// The role that manages users.
  package static let managerRole = "supervisor"

  /// Adds a user or replaces their roles; returns a line for the user.
  ///
  /// - Throws: ``KitError/usage(_:)`` for a role the workflow does not declare or no role,
  ///   ``WorkflowRefused`` when the acting user may not manage users.
  package static func add(
    _ context: CaseFileContext, name: String, roles: [String],
    options: WorkflowOptions = WorkflowOptions()
  ) throws -> String {
    let known = try WorkflowLoader.load(options).roles
    guard !roles.isEmpty else { throw KitError.usage("give at least one --role") }
    guard !name.isEmpty, !name.contains(where: \.isNewline) else {
      throw KitError.usage("the user name must be one non-empty line")
    }
    for role in roles where !known.contains(role) {
      throw KitError.usage(
        "unknown role \"\(role)\"; the roles are \(known.joined(separator: ", "))")
    }
    var unique: [String] = []
    for role in roles where !unique.contains(role) { unique.append(role) }
    let store = try context.openStore()
    do {
      try saveUser(store, name: name, roles: unique, context: context)
    } catch let refused as WorkflowRefused {
      // Recorded after the refused transaction rolled back.
      throw try refused.recorded(in: store)
    }
    return "user \(name): \(unique.joined(separator: ", "))"
  }

  private static func saveUser(
    _ store: SQLiteCaseStore, name: String, roles unique: [String], context: CaseFileContext
  ) throws {
    try store.saveUser(StoreUser(name: name, roles: unique, addedBy: context.user)) { existing in
      if existing.isEmpty {
        guard unique.contains(managerRole) else {
          throw KitError.usage(
            "the first user must hold the \(managerRole) role, so that someone can manage users")
        }
        return
      }
      let acting = existing.first { $0.name == context.user }
      guard acting?.roles.contains(managerRole) == true else {
        throw WorkflowRefused(
          urn: nil, refusal: .needsRole(action: "users add", roles: [managerRole]),
          user: context.user)
      }
    }
  }

  /// Every registered user.
  package static func list(_ context: CaseFileContext) throws -> [StoreUser] {
    try context.openStore().users()
  }

  /// The acting user's roles, or nil when no user is registered (roles not enforced).
  package static func roles(of user: String, in store: SQLiteCaseStore) throws -> Set<String>? {
    let users = try store.users()
    guard !users.isEmpty else { return nil }
    return Set(users.first { $0.name == user }?.roles ?? [])
  }

  /// Refuses unless roles are not enforced or the acting user holds `role`.
  ///
  /// - Throws: ``WorkflowRefused`` naming the role `action` needs.
  package static func require(
    _ role: String, for action: String, urn: String, context: CaseFileContext,
    store: SQLiteCaseStore
  ) throws {
    guard let roles = try roles(of: context.user, in: store), !roles.contains(role) else {
      return
    }
    throw try WorkflowRefused(
      urn: urn, refusal: .needsRole(action: action, roles: [role]), user: context.user
    ).recorded(in: store)
  }

  /// The users as an aligned table, or a line saying roles are not enforced.
  package static func table(_ users: [StoreUser]) -> String {
    guard !users.isEmpty else {
      return "no users registered: roles are not enforced (add a supervisor with "
        + "`casefile users add NAME --role supervisor`)\n"
    }
    let width = max(4, users.map(\.name.count).max() ?? 0)
    var text = "NAME".padding(toLength: width, withPad: " ", startingAt: 0) + "  ROLES\n"
    for user in users {
      text +=
        user.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
        + user.roles.joined(separator: ", ") + "\n"
    }
    return text
  }
}
