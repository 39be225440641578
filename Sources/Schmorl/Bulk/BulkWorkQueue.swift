import Foundation

/// The hand-off between the runner's calling thread and its workers: batches to process, and processed batches
/// waiting for their turn to be written.
///
/// Invariant: at most `windowBatches` batches are between submission and being taken back by the writer (the
/// runner never submits more), so the completed batches fit a ring of that many slots indexed by
/// `sequence % windowBatches`, and the writer finds the next batch in order without searching. All stored state
/// is guarded by `condition`, which is why the class can be `@unchecked Sendable`. One condition variable serves
/// both directions: a batch of ~64 records per wake-up makes a broadcast cheap next to the work.
final class BulkWorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [BulkBatch] = []
    private var completed: [BulkBatch?]
    private var closed = false
    /// Emptied output buffers of written batches, handed to the next batches taken: each batch's output (about 100 KB)
    /// was otherwise allocated on a worker and freed on the writer, and glibc gave the memory back to the system
    /// and faulted it in again — about 3,000 page faults per 20,000 reports, none with one job. At most one per batch
    /// in the window.
    private var spareOutputs: [[UInt8]] = []
    /// The ring's size, fixed: read without the lock.
    private let slotCount: Int

    init(windowBatches: Int) {
        precondition(windowBatches > 0, "the window must hold at least one batch")
        slotCount = windowBatches
        completed = Array(repeating: nil, count: windowBatches)
    }

    /// Queues a batch for the workers.
    func submit(_ batch: BulkBatch) {
        condition.lock()
        pending.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch to process, waiting for one; `nil` once the queue is closed and drained.
    func takeWork() -> BulkBatch? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !closed { condition.wait() }
        guard !pending.isEmpty else { return nil }
        var batch = pending.removeFirst()
        if let spare = spareOutputs.popLast() { batch.output = spare }
        return batch
    }

    /// Keeps a written batch's output buffer, emptied, for a batch to come; one larger than `limit` is dropped, so
    /// a rare batch of huge reports does not hold its memory for the rest of the run.
    func recycle(_ output: inout [UInt8], limit: Int) {
        guard output.capacity <= limit else { return }
        output.removeAll(keepingCapacity: true)
        condition.lock()
        spareOutputs.append(output)
        condition.unlock()
        output = []
    }

    /// Hands a processed batch back to the writer.
    func complete(_ batch: BulkBatch) {
        condition.lock()
        completed[batch.sequence % slotCount] = batch
        condition.broadcast()
        condition.unlock()
    }

    /// The processed batch `sequence`, waiting for it when `waiting`, else `nil` if it is not ready.
    func takeCompleted(sequence: Int, waiting: Bool) -> BulkBatch? {
        let slot = sequence % slotCount
        condition.lock()
        defer { condition.unlock() }
        while waiting && completed[slot] == nil { condition.wait() }
        guard let batch = completed[slot] else { return nil }
        completed[slot] = nil
        return batch
    }

    /// No more batches will come; workers exit once the queue is empty. With `discardingPending`, batches not
    /// yet started are dropped (the run is failing and their output would not be written).
    func close(discardingPending: Bool = false) {
        condition.lock()
        closed = true
        if discardingPending { pending.removeAll() }
        condition.broadcast()
        condition.unlock()
    }
}
