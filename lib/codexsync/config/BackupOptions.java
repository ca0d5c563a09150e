// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

/** The {@code [backup]} table. Backups before overwrite are always on; the key is kept for 0.1.1 configs. */
public record BackupOptions(boolean backupBeforeOverwrite, int retentionDays, int maxBackups, Compression compression) {
    public enum Compression { NONE, ZIP }
}
