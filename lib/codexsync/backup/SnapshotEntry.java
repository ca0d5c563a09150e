// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

/**
 * One file a snapshot can put back, checked while the snapshot was opened.
 *
 * @param path    where it belongs, relative to the Codex home or cloud mirror ({@code sessions/a.jsonl})
 * @param entry   its name inside the snapshot (differs from {@code path} for a second copy, {@code a.1.jsonl})
 * @param side    {@code local} or {@code cloud} as the snapshot manifest records it, or null (0.1.1 snapshot)
 * @param size    its size in bytes, as read while validating
 * @param mtimeNs its last-modified time in nanoseconds since the epoch (restored with the content)
 * @param sha256  SHA-256 of its content, as read while validating
 */
public record SnapshotEntry(String path, String entry, String side, long size, long mtimeNs, String sha256) {
}
