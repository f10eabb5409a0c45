package io.flashstation.firmware;

/** What the store holds for a pin, as {@code firmware verify} and {@code firmware list} report it. */
public enum EntryStatus {
    /** The pin has no sha256 yet. */
    UNPINNED,
    /** The store has no file with the pinned digest. */
    MISSING,
    /** The file is present and hashes to the pinned digest. */
    VERIFIED,
    /** The file was present but its bytes had changed; it has been moved aside. */
    CORRUPT
}
