import CMalloc

/// How the server asks glibc's allocator to hold memory. A server's threads each take an arena of
/// their own (up to eight per core), and memory freed in one is kept there for its thread: under
/// load the resident size grew by what every arena had once held, about twice what was in use.
enum MallocTuning {
    /// Applies the settings to this process, before anything large is allocated; false when the
    /// allocator refused one (the server then runs as it would without them).
    static func apply() -> Bool {
        // Four arenas: two cost 5-10% of the batch throughput (measured), four nothing measurable.
        mallopt(M_ARENA_MAX, 4) == 1
            // A block of 128 KiB or more (a batch's answer, a large request body) is mapped on its
            // own and given back when freed. Setting it also stops glibc from raising the
            // threshold after each such block is freed, which kept them in the arenas.
            && mallopt(M_MMAP_THRESHOLD, 128 * 1024) == 1
            // Free memory at the top of an arena beyond 1 MiB goes back to the system.
            && mallopt(M_TRIM_THRESHOLD, 1024 * 1024) == 1
    }

    /// Gives the free memory inside the arenas back to the system every `interval`, until cancelled:
    /// glibc returns only what lies at an arena's top, and the rest stayed resident after each burst
    /// of load (about 40 MiB after batches). One pass a second cost no measurable throughput.
    static func trim(every interval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            malloc_trim(0)
        }
    }
}
