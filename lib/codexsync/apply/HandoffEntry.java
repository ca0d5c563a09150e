// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

/**
 * One file of a handoff record: the size, mtime and SHA-256 of a file in the cloud mirror as a machine left it (or,
 * for a tombstone, as it was when that machine agreed it is gone). The mtime tells "still arriving" (an older copy)
 * from "changed since by another machine" (a newer one); the hash tells an equal copy whose mtime a client rewrote.
 */
public record HandoffEntry(long size, long mtimeNs, String sha256) {
}
