// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

/**
 * One file as a scan saw it: its path relative to the scanned root (always '/'-separated), size in bytes and
 * modification time in nanoseconds since the epoch (what the file system reports, kept exact so a copied file
 * that kept its mtime compares equal).
 */
public record FileState(String path, long size, long mtimeNs) {
}
