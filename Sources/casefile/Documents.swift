import ArgumentParser
import CaseAssembly
import CaseFileKit

struct Documents: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Render a case's file for a recipient: the MG forms and an HTML index.",
    discussion: """
      The rule pack decides the file type at --stage (as `casefile check` does); \
      Templates/file-types/ says which documents that type holds. Each form is rendered \
      from Templates/forms/FORM.xml.mustache and validated against \
      Schemas/forms/form-v1.xsd before it is written. --for cps gets the full file; \
      --for defence and --for court get only the documents the file type marks \
      disclosable, with contact details, other people's dates of birth and restricted \
      fields redacted. Prints the name of each document; with --out DIR writes them there. \
      The rendering is recorded in the audit log; the full file of a case holding sensitive \
      unused material (its MG6D) needs --reason.

      Exit codes: 0 rendered; 64 bad arguments; 65 a template, schema or file type is \
      broken (named with its line) or the case is unknown; 74 a file cannot be written.
      """)

  @OptionGroup var global: GlobalOptions

  @OptionGroup var file: FileOptions

  @Option(help: "The directory to write the documents into.")
  var out: String?

  @Option(help: "Why you are producing the documents (recorded in the audit log).")
  var reason: String?

  @Argument(help: "The case URN.")
  var urn: String

  func run() throws {
    try reportingErrors {
      let recipient = Recipient(rawValue: file.recipient) ?? .cps
      try DocumentsCommands.requireReason(
        global.context, urn: urn, recipient: recipient, reason: reason)
      let outcome = try DocumentsCommands.renderDocuments(
        global.context, urn: urn, recipient: recipient,
        stage: file.stage, asOf: file.asOf.flatMap(CaseDocumentCommands.asOfDate),
        templatesDirectory: file.pack.templates, rulesDirectory: file.pack.rules)
      if let out {
        _ = try DocumentsCommands.write(outcome, to: out)
      }
      try DocumentsCommands.audit(outcome, global.context, written: out != nil, reason: reason)
      for document in outcome.documents { print(document.name) }
    }
  }
}
