// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import codexsync.core.HostEnvironment;
import java.nio.file.Path;

/**
 * Where codexsync keeps what belongs to this installation and must never travel through the cloud folder: its
 * per-user state folder. Today it holds only the installation id ({@link #INSTALLATION_ID_FILE}), which tells two
 * machines that share a machine id apart (a cloud folder cannot: both would read the same files).
 * <ul>
 *   <li>{@code CODEXSYNC_STATE_HOME} when set (tests, portable setups): that folder itself;</li>
 *   <li>Windows: {@code %LOCALAPPDATA%\codexsync} (else {@code ~\AppData\Local\codexsync}): local, never roamed;</li>
 *   <li>macOS: {@code ~/Library/Application Support/codexsync};</li>
 *   <li>Linux and others: {@code $XDG_STATE_HOME/codexsync} when absolute, else {@code ~/.local/state/codexsync}
 *       (the XDG base directory spec ignores relative values).</li>
 * </ul>
 */
public final class InstallationPaths {
    /** Overrides the per-user state folder (the folder itself, not its parent). */
    public static final String STATE_HOME_ENV = "CODEXSYNC_STATE_HOME";
    /** One line: this installation's random id (a UUID). */
    public static final String INSTALLATION_ID_FILE = "installation-id";

    private InstallationPaths() {
    }

    /** codexsync's per-user state folder on this machine (not created here). */
    public static Path stateHome(HostEnvironment host) {
        String override = host.getenv(STATE_HOME_ENV);
        if (override != null) {
            return absolute(host, override);
        }
        Path home = host.userHome();
        return switch (host.os()) {
            case WINDOWS -> {
                String local = host.getenv("LOCALAPPDATA");
                yield (local != null ? Path.of(local) : home.resolve("AppData").resolve("Local")).resolve("codexsync");
            }
            case MACOS -> home.resolve("Library").resolve("Application Support").resolve("codexsync");
            case LINUX -> {
                String xdg = host.getenv("XDG_STATE_HOME");
                Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local").resolve("state");
                yield base.resolve("codexsync");
            }
        };
    }

    /** The file that holds this installation's id. */
    public static Path installationIdFile(HostEnvironment host) {
        return stateHome(host).resolve(INSTALLATION_ID_FILE);
    }

    private static Path absolute(HostEnvironment host, String value) {
        Path p = value.equals("~") || value.startsWith("~/") || value.startsWith("~\\")
                ? host.userHome().resolve(value.length() > 2 ? value.substring(2) : "")
                : Path.of(value);
        return p.toAbsolutePath().normalize();
    }
}
