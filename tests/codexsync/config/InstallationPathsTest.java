// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.HostEnvironment;
import codexsync.core.HostEnvironment.OperatingSystem;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where each OS keeps codexsync's per-user state (the installation id), and the machine ids init-config proposes. */
class InstallationPathsTest {
    @TempDir
    Path home;

    private HostEnvironment host(OperatingSystem os, Map<String, String> env) {
        return new HostEnvironment(env, home, "pc", os);
    }

    @Test
    void each_os_has_its_per_user_state_folder() {
        assertEquals(Path.of("C:/Users/me/AppData/Local").resolve("codexsync"), InstallationPaths.stateHome(
                host(OperatingSystem.WINDOWS, Map.of("LOCALAPPDATA", "C:/Users/me/AppData/Local"))));
        assertEquals(home.resolve("AppData/Local/codexsync"),
                InstallationPaths.stateHome(host(OperatingSystem.WINDOWS, Map.of())));
        assertEquals(home.resolve("Library/Application Support/codexsync"),
                InstallationPaths.stateHome(host(OperatingSystem.MACOS, Map.of())));
        assertEquals(Path.of("/xdg/state/codexsync"), InstallationPaths.stateHome(
                host(OperatingSystem.LINUX, Map.of("XDG_STATE_HOME", "/xdg/state"))));
        assertEquals(home.resolve(".local/state/codexsync"),
                InstallationPaths.stateHome(host(OperatingSystem.LINUX, Map.of())));
    }

    @Test
    void a_relative_xdg_state_home_is_ignored_as_the_xdg_spec_says() {
        assertEquals(home.resolve(".local/state/codexsync"),
                InstallationPaths.stateHome(host(OperatingSystem.LINUX, Map.of("XDG_STATE_HOME", "rel/state"))));
    }

    @Test
    void codexsync_state_home_overrides_every_os_and_names_the_folder_itself() {
        for (OperatingSystem os : OperatingSystem.values()) {
            HostEnvironment h = host(os, Map.of("CODEXSYNC_STATE_HOME", home.resolve("mine").toString(),
                    "LOCALAPPDATA", "C:/x", "XDG_STATE_HOME", "/x"));
            assertEquals(home.resolve("mine").resolve("installation-id"), InstallationPaths.installationIdFile(h));
        }
        assertEquals(home.resolve("st"), InstallationPaths.stateHome(
                host(OperatingSystem.LINUX, Map.of("CODEXSYNC_STATE_HOME", "~/st"))));
    }

    @Test
    void the_proposed_machine_id_is_the_sanitised_host_name_plus_a_short_random_suffix() {
        String id = MachineIds.proposal("MacBook Pro (2)", new Random(7));
        assertTrue(id.matches("MacBook-Pro--2-[23456789abcdefghjkmnpqrstuvwxyz]{4}"), id);
        assertEquals(id, MachineIds.sanitise(id), "a proposal is already a valid machine id");
        Set<String> seen = new HashSet<>();
        Random r = new Random(1);
        for (int i = 0; i < 50; i++) {
            seen.add(MachineIds.proposal("localhost", r));
        }
        assertTrue(seen.size() > 45, "suffixes vary: " + seen);
        assertNotEquals(MachineIds.proposal("localhost", new Random(1)), MachineIds.proposal("localhost", new Random(2)));
    }
}
