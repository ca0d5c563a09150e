// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

/** How a snapshot is stored in {@code backup_dir}: a folder, or one {@code .zip} file. */
public enum SnapshotFormat {
    FOLDER, ZIP;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
