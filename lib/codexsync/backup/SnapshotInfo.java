// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One snapshot found in {@code backup_dir}.
 *
 * @param name      its file or folder name ({@code laptop-20261125T110000Z} or {@code ….zip})
 * @param path      its real location, always directly inside {@code backup_dir}
 * @param format    folder or zip
 * @param modified  last-modified time (0.1.1 picks the newest snapshot by this)
 * @param machineId the machine named in the name, or null when the name does not follow the pattern
 * @param created   the run start named in the name, or null
 */
public record SnapshotInfo(String name, Path path, SnapshotFormat format, Instant modified, String machineId,
                           Instant created) {
}
