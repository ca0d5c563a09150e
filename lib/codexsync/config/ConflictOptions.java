// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

/** The {@code [conflict]} table. */
public record ConflictOptions(Policy policy, boolean reportConflicts) {
    public enum Policy { MANUAL_ABORT, PREFER_CLOUD, PREFER_LOCAL, PREFER_NEWER_MTIME }
}
