// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import java.nio.file.Path;

/** Folders given on the command line ({@code --workspace}, {@code --local}, {@code --cloud}); each may be null. */
public record ConfigOverrides(Path workspace, Path local, Path cloud) {
    public static final ConfigOverrides NONE = new ConfigOverrides(null, null, null);

    public boolean any() {
        return workspace != null || local != null || cloud != null;
    }
}
