// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

/**
 * One file inside a snapshot, as its manifest records it: {@code path} in the Codex home / mirror, {@code entry}
 * its name inside the snapshot, the side it came from, why it was saved, and the size, mtime and SHA-256 of the
 * saved bytes (verified while copying).
 */
public record BackupEntry(String path, String entry, String side, String reason, long size, long mtimeNs,
                          String sha256) {
}
