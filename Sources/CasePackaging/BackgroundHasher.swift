import Crypto
import Foundation

/// SHA-256 over a stream of chunks on a second thread, so hashing overlaps the caller's
/// reading and writing (one pass over the data, two cores).
///
/// Two chunk-sized buffers alternate: the caller fills one and hands it over with
/// ``hash(_:count:)`` while the hash thread reads the other; ``waitUntilFree(_:)`` says when
/// a buffer may be filled again. Memory stays at two chunks whatever the stream's length.
final class BackgroundHasher: @unchecked Sendable {
  /// The two staging buffers, each ``BagWriter/chunkSize`` bytes.
  let buffers = [
    UnsafeMutableRawBufferPointer.allocate(byteCount: BagWriter.chunkSize, alignment: 64),
    UnsafeMutableRawBufferPointer.allocate(byteCount: BagWriter.chunkSize, alignment: 64),
  ]
  private var hasher = SHA256()
  private let queue: DispatchQueue
  private let groups = [DispatchGroup(), DispatchGroup()]

  init(label: String) {
    queue = DispatchQueue(label: label)
  }

  deinit {
    // Whatever happened, the hash thread is done with the buffers before they are freed.
    queue.sync {}
    for buffer in buffers { buffer.deallocate() }
  }

  /// Hands the first `count` bytes of buffer `index` (0 or 1) to the hash thread.
  func hash(_ index: Int, count: Int) {
    groups[index].enter()
    queue.async {
      self.hasher.update(
        bufferPointer: UnsafeRawBufferPointer(rebasing: self.buffers[index][0..<count]))
      self.groups[index].leave()
    }
  }

  /// Waits until the hash thread is done with buffer `index`.
  func waitUntilFree(_ index: Int) {
    groups[index].wait()
  }

  /// The lowercase hex SHA-256 of every chunk handed over, once they are all hashed.
  func finalize() -> String {
    queue.sync {}
    return hex(hasher.finalize())
  }
}
