import CaseAssembly
import CaseStore
import Foundation
import Testing

@Suite("File types data")
struct FileTypeDataTests {
  @Test("every document a file type names has a template and a schema")
  func everyDocumentHasTemplateAndSchema() throws {
    let catalog = try FormFixtures.fileTypes()
    let templates = try FormFixtures.templateTexts()
    #expect(templates[FormCatalog.indexTemplate] != nil)
    var named: Set<String> = []
    for type in catalog.types {
      for (_, entries) in type.stages {
        for entry in entries {
          let form = try #require(FormCatalog.form(named: entry.form))
          named.insert(form.name)
          #expect(templates[form.templateFile] != nil, "no template for \(form.name)")
          #expect(
            FileManager.default.fileExists(atPath: FormFixtures.schemaFile(form).path),
            "no schema for \(form.name)")
        }
      }
    }
    #expect(named == Set(FormCatalog.forms.map(\.name)), "every form is used by some file type")
  }

  @Test("the types are those the rule pack reports, with their stages")
  func typesMatchThePack() throws {
    let catalog = try FormFixtures.fileTypes()
    let main = catalog.types.filter { !$0.addition }.map(\.decidedBy).sorted()
    #expect(main == ["NFS-TYPE-001", "NFS-TYPE-002", "NFS-TYPE-003", "NFS-TYPE-004"])
    let additions = catalog.types.filter(\.addition).map(\.decidedBy).sorted()
    #expect(additions == ["NFS-TYPE-005", "NFS-TYPE-006"])
    let stages: Set<String> = ["pre-charge", "first-hearing", "trial"]
    for type in catalog.types { #expect(Set(type.stages.keys).isSubset(of: stages)) }
  }

  @Test("MG3, MG6, MG6D, MG6E and MG10 are never disclosable")
  func confidentialFormsNeverDisclosable() throws {
    for type in try FormFixtures.fileTypes().types {
      for entry in type.stages.values.flatMap({ $0 })
      where ["MG3", "MG6", "MG6D", "MG6E", "MG10"].contains(entry.form) {
        #expect(!entry.disclosable, "\(type.fileType) discloses \(entry.form)")
      }
    }
  }

  @Test("a streamlined NGAP file gets the SDC; a Crown Court file the MG6 series; remand adds MG7")
  func documentsFollowTheCase() throws {
    let catalog = try FormFixtures.fileTypes()
    let ngap = try FormFixtures.view(CaseDocumentFixtures.sampleRecord("ngap-summary.json"))
    let ngapForms = try catalog.documents(
      fileType: "NGAP", firedRules: [], stage: "first-hearing", view: ngap
    ).map(\.form)
    #expect(ngapForms.contains("SDC") && !ngapForms.contains("MG6C"))
    let crown = try FormFixtures.view(CaseDocumentFixtures.sampleRecord("indictable-only.json"))
    let crownForms = try catalog.documents(
      fileType: "Crown Court", firedRules: [], stage: "first-hearing", view: crown
    ).map(\.form)
    #expect(["MG6C", "MG6D", "MG6E"].allSatisfy(crownForms.contains))
    let remand = try FormFixtures.view(CaseDocumentFixtures.sampleRecord("remand-custody.json"))
    let remandForms = try catalog.documents(
      fileType: "NGAP", firedRules: ["NFS-TYPE-005"], stage: "first-hearing", view: remand
    ).map(\.form)
    #expect(remandForms.contains("MG7"))
  }

  @Test("a malformed or inconsistent file type is refused naming the file")
  func refusesBadFileTypes() throws {
    let bad: [(String, String)] = [
      ("broken.json", "{"),
      (
        "unknown-form.json",
        #"{"fileType":"X","decidedBy":"R","addition":false,"title":"t","stages":{"trial":[{"form":"MG99","disclosable":true,"when":["always"]}]}}"#
      ),
      (
        "bad-condition.json",
        #"{"fileType":"X","decidedBy":"R","addition":false,"title":"t","stages":{"trial":[{"form":"MG5","disclosable":true,"when":["sometimes"]}]}}"#
      ),
    ]
    for (name, text) in bad {
      do {
        _ = try FileTypeCatalog(files: [(name: name, bytes: Array(text.utf8))])
        Issue.record("\(name) was accepted")
      } catch {
        #expect(error.code == .fileTypes)
        #expect(error.message.hasPrefix(name))
      }
    }
  }
}
