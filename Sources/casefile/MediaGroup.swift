import ArgumentParser
import CaseFileKit

struct MediaGroup: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "media", abstract: "Attach media files (video, audio, images, PDFs).",
    subcommands: [Attach.self])

  struct Attach: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Stream a file into the media store and attach it to a case.",
      discussion: "The file is stored once by its SHA-256, however many records use it.")

    @OptionGroup var target: EditTarget
    @Argument(help: "The media file.") var file: String
    @Option(help: "The media type, such as video/mp4 or application/pdf.") var type: String
    @Option(help: "What the file shows.") var description: String?
    @Option(help: "An exhibit, interview or statement id to attach it to.") var to: String?

    func run() throws {
      try reportingErrors {
        let id = try CaseEditor(target.global.context).attachMedia(
          target.urn, file: file, mediaType: type, description: description, target: to)
        print("attached media \(id) to \(target.urn)")
      }
    }
  }
}
