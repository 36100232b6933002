/// One rendered, validated document: what leaves CaseAssembly for the kit and the bundle.
package struct RenderedDocument: Sendable, Equatable {
  /// The file name (`MG5.xml`, `MG11-S1.xml`, `index.html`).
  package var name: String
  /// The media type (`application/xml`, `text/html`).
  package var mediaType: String
  /// The document's bytes, UTF-8.
  package var bytes: [UInt8]
  /// Whether the file type lets the document go to the defence and the court.
  package var disclosable: Bool
  /// The form rendered (`MG11`), or `index` for the HTML index.
  package var form: String

  package init(
    name: String, mediaType: String, bytes: [UInt8], disclosable: Bool, form: String
  ) {
    self.name = name
    self.mediaType = mediaType
    self.bytes = bytes
    self.disclosable = disclosable
    self.form = form
  }
}
