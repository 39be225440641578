/// A growable run of plain values in memory the owner frees with ``deallocate()``: the storage of ``XMLTree``.
///
/// Why not `Array`: the SAX callbacks append a node, an attribute or a few bytes about a hundred times per report
/// and patch the links of earlier nodes, and every `Array` append or in-place write checks uniqueness and bounds
/// first. Those checks cost more than the writes themselves. Here an append is a capacity check and a store.
///
/// Invariant: `count <= capacity`; the first `count` elements are initialised. Elements are `BitwiseCopyable`, so
/// memory is never deinitialised, only freed. The owner calls ``deallocate()`` exactly once, and nothing reads
/// the buffer after that. Subscripts check bounds in debug builds only: indices come from the tree itself.
struct GrowingBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0

    /// An empty buffer with room for `minimumCapacity` elements (none allocated when it is 0).
    init(minimumCapacity: Int) {
        if minimumCapacity > 0 { grow(to: minimumCapacity) }
    }

    subscript(index: Int) -> Element {
        get {
            assert(index >= 0 && index < count)
            return base.unsafelyUnwrapped[index]
        }
        nonmutating set {
            assert(index >= 0 && index < count)
            base.unsafelyUnwrapped[index] = newValue
        }
    }

    /// Appends one element.
    ///
    /// - Complexity: amortised O(1).
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    /// Appends the elements of `elements`.
    ///
    /// - Complexity: amortised O(n) in `elements.count`.
    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, elements.count > 0 else { return }
        if count + elements.count > capacity { grow(to: count + elements.count) }
        (base.unsafelyUnwrapped + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    /// The elements, borrowed until the buffer changes or is freed.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// Frees the memory. The buffer is empty afterwards.
    mutating func deallocate() {
        base?.deallocate()
        base = nil
        count = 0
        capacity = 0
    }

    /// At least doubles the capacity, to `minimum` or more, moving the elements.
    private mutating func grow(to minimum: Int) {
        let newCapacity = max(minimum, capacity * 2, 16)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let base {
            newBase.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = newBase
        capacity = newCapacity
    }
}
