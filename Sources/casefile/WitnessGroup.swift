import ArgumentParser
import CaseFileKit
import CaseStore

struct WitnessGroup: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "witness", abstract: "Add or update witnesses.",
    subcommands: [Add.self, Update.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a witness, for an existing person (--person) or a new one (--family, --given)."
    )

    @OptionGroup var target: EditTarget
    @Option(help: "The witness kind: victim, civilian, expert, police, officer-in-case.") var kind:
      WitnessKind
    @Option(help: "An existing person's id.") var person: String?
    @Option(help: "A new person's given name (repeat for several).") var given: [String] = []
    @Option(help: "A new person's family name.") var family: String?
    @Option(help: "A new person's date of birth (YYYY-MM-DD).") var dateOfBirth: String?
    @Option(help: "A new person's address.") var address: String?
    @Option(help: "A new person's telephone number.") var phone: String?
    @Option(help: "A new person's email address.") var email: String?
    @Flag(help: "A key witness.") var key = false
    @Option(help: "A special measure needed (repeat for several).") var specialMeasure: [String] =
      []
    @Option(help: "A date the witness cannot attend, YYYY-MM-DD (repeat for several).")
    var avoidDate: [String] = []
    @Option(help: "The language or dialect, when an interpreter is needed.") var interpreter:
      String?

    func validate() throws {
      if person == nil && family == nil {
        throw ValidationError("give --person ID or --family NAME")
      }
      if person != nil && family != nil {
        throw ValidationError("give --person or --family, not both")
      }
    }

    func run() throws {
      try reportingErrors {
        var request = EditRequests.AddWitness(kind: kind)
        request.person = person
        request.given = given
        request.family = family
        request.key = key
        request.dateOfBirth = dateOfBirth
        request.address = address
        request.phone = phone
        request.email = email
        request.specialMeasures = specialMeasure
        request.datesToAvoid = avoidDate
        request.interpreter = interpreter
        let id = try target.edit("add-witness") { try request.apply(to: &$0) }
        print("added witness \(id) to \(target.urn)")
      }
    }
  }

  struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Change a witness's details.")

    @OptionGroup var target: EditTarget
    @Argument(help: "The witness id.") var witness: String
    @Option(help: "The witness kind.") var kind: WitnessKind?
    @Flag(inversion: .prefixedNo, help: "Whether the witness is a key witness.") var key: Bool?
    @Option(help: "Special measures (repeat; replaces the list).") var specialMeasure: [String] = []
    @Flag(help: "Remove every special measure.") var clearSpecialMeasures = false
    @Option(help: "Dates to avoid, YYYY-MM-DD (repeat; replaces the list).") var avoidDate:
      [String] = []
    @Flag(help: "Remove every date to avoid.") var clearAvoidDates = false
    @Option(help: "Interpreter language (empty to remove).") var interpreter: String?

    func run() throws {
      try reportingErrors {
        var request = EditRequests.UpdateWitness(witness: witness)
        request.kind = kind
        request.key = key
        request.interpreter = interpreter
        if clearSpecialMeasures || !specialMeasure.isEmpty {
          request.specialMeasures = specialMeasure
        }
        if clearAvoidDates || !avoidDate.isEmpty { request.datesToAvoid = avoidDate }
        try target.edit("update-witness") { try request.apply(to: &$0) }
        print("updated witness \(witness) in \(target.urn)")
      }
    }
  }
}
