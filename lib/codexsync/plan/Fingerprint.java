// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

/** What the base state remembers of one side of a file: size, mtime (ns) and, when computed, its SHA-256 (else null). */
public record Fingerprint(long size, long mtimeNs, String sha256) {
}
