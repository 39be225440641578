#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The hand-off between the runner's calling thread and its workers: batches to process, and processed batches
/// waiting for their turn to be written.
///
/// Invariant: at most `windowBatches` batches are between submission and being taken back by the writer (the
/// runner never submits more), so the completed batches fit a ring of that many slots indexed by
/// `sequence % windowBatches`, and the writer finds the next batch in order without searching. All stored state
/// is guarded by one mutex, which is why the class can be `@unchecked Sendable`.
///
/// Two condition variables, one per direction, so that nobody is woken for nothing: a worker is woken only when
/// there is a batch to take, and the writer only when the batch it waits for (``waitUntilCompleted(_:)``) is done,
/// not at every batch a worker finishes. With one condition and a broadcast per hand-off, each finished batch woke
/// the writer, which took a core from a worker: about 1,000 context switches per 20,000 reports on two cores.
final class BulkWorkQueue: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when a batch is submitted or the queue closes: workers wait on it.
    private let workReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Signalled when the batch the writer waits for is completed: the writer waits on it.
    private let awaitedReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var pending: [BulkBatch] = []
    private var completed: [BulkBatch?]
    private var closed = false
    /// The sequence the writer is waiting for, -1 when it is not waiting.
    private var awaited = -1
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
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(workReady, nil)
        pthread_cond_init(awaitedReady, nil)
    }

    deinit {
        pthread_cond_destroy(awaitedReady)
        pthread_cond_destroy(workReady)
        pthread_mutex_destroy(mutex)
        awaitedReady.deallocate()
        workReady.deallocate()
        mutex.deallocate()
    }

    /// Queues a batch for the workers.
    func submit(_ batch: BulkBatch) {
        pthread_mutex_lock(mutex)
        pending.append(batch)
        pthread_cond_signal(workReady)
        pthread_mutex_unlock(mutex)
    }

    /// The next batch to process, waiting for one; `nil` once the queue is closed and drained.
    func takeWork() -> BulkBatch? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while pending.isEmpty && !closed { pthread_cond_wait(workReady, mutex) }
        guard !pending.isEmpty else { return nil }
        var batch = pending.removeFirst()
        if let spare = spareOutputs.popLast() { batch.output = spare }
        return batch
    }

    /// Hands a processed batch back to the writer, waking it if this is the batch it waits for.
    func complete(_ batch: BulkBatch) {
        pthread_mutex_lock(mutex)
        completed[batch.sequence % slotCount] = batch
        if batch.sequence == awaited { pthread_cond_signal(awaitedReady) }
        pthread_mutex_unlock(mutex)
    }

    /// Waits until batch `sequence` is processed, without taking it.
    func waitUntilCompleted(_ sequence: Int) {
        let slot = sequence % slotCount
        pthread_mutex_lock(mutex)
        while completed[slot] == nil {
            awaited = sequence
            pthread_cond_wait(awaitedReady, mutex)
        }
        awaited = -1
        pthread_mutex_unlock(mutex)
    }

    /// The processed batch `sequence`, waiting for it when `waiting`, else `nil` if it is not ready.
    func takeCompleted(sequence: Int, waiting: Bool) -> BulkBatch? {
        if waiting { waitUntilCompleted(sequence) }
        let slot = sequence % slotCount
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard let batch = completed[slot] else { return nil }
        completed[slot] = nil
        return batch
    }

    /// Keeps a written batch's output buffer, emptied, for a batch to come; one larger than `limit` is dropped, so
    /// a rare batch of huge reports does not hold its memory for the rest of the run.
    func recycle(_ output: inout [UInt8], limit: Int) {
        guard output.capacity <= limit else { return }
        output.removeAll(keepingCapacity: true)
        pthread_mutex_lock(mutex)
        spareOutputs.append(output)
        pthread_mutex_unlock(mutex)
        output = []
    }

    /// No more batches will come; workers exit once the queue is empty. With `discardingPending`, batches not
    /// yet started are dropped (the run is failing and their output would not be written).
    func close(discardingPending: Bool = false) {
        pthread_mutex_lock(mutex)
        closed = true
        if discardingPending { pending.removeAll() }
        pthread_cond_broadcast(workReady)
        pthread_mutex_unlock(mutex)
    }
}
