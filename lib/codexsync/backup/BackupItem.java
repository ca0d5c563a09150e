// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import java.nio.file.Path;

/**
 * A file about to be overwritten or deleted: its relative {@code path}, the real {@code file} holding the old
 * version, the {@code side} it lives on ({@code local} or {@code cloud}) and the {@code reason}
 * ({@code overwritten} or {@code deleted}).
 */
public record BackupItem(String path, Path file, String side, String reason) {
    public static final String LOCAL = "local";
    public static final String CLOUD = "cloud";
    public static final String OVERWRITTEN = "overwritten";
    public static final String DELETED = "deleted";
}
