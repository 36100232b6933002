import Foundation

/// Reads an input file for CaseXML, refusing it before reading when it is over the limit.
enum XMLInput {
  static func read(_ path: String, limits: XMLLimits) throws(XMLError) -> [UInt8] {
    let size = try checkedSize(path, limits: limits)
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw XMLError(.unreadable, "\(path): cannot open the file", file: path)
    }
    defer { try? handle.close() }
    do {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(size)
      while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
        bytes.append(contentsOf: chunk)
        guard bytes.count <= limits.maxBytes else { throw tooLarge(path, limits) }
      }
      return bytes
    } catch let error as XMLError {
      throw error
    } catch {
      throw XMLError(.unreadable, "\(path): cannot read the file", file: path)
    }
  }

  /// The file's size, after checking it is a regular file within the limit.
  static func checkedSize(_ path: String, limits: XMLLimits) throws(XMLError) -> Int {
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
      throw XMLError(.unreadable, "\(path): no such file, or it cannot be read", file: path)
    }
    guard attributes[.type] as? FileAttributeType == .typeRegular else {
      throw XMLError(.unreadable, "\(path): not a regular file", file: path)
    }
    let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
    guard size <= limits.maxBytes else { throw tooLarge(path, limits) }
    return size
  }

  static func tooLarge(_ name: String, _ limits: XMLLimits) -> XMLError {
    XMLError(
      .tooLarge,
      "\(name): larger than the \(limits.maxBytes >> 20) MiB limit for XML documents",
      file: name)
  }
}
