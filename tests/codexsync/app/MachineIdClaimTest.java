// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.apply.ApplyHooks;
import codexsync.apply.BaseStateStore;
import codexsync.config.ConfigLoader;
import codexsync.config.ConfigOverrides;
import codexsync.config.SyncConfig;
import codexsync.core.HostEnvironment;
import codexsync.core.InvalidInputException;
import codexsync.core.Json;
import codexsync.core.Progress;
import codexsync.plan.BaseState;
import codexsync.testsupport.SyncFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who owns a machine id's state file, and what sync --apply does about it (in-process, each with its own state home). */
class MachineIdClaimTest {
    @TempDir
    Path dir;
    Path home;
    Path ws;
    Path cfg;
    HostEnvironment host;

    @BeforeEach
    void setUp() {
        home = dir.resolve("home/.codex");
        ws = dir.resolve("ws");
        write(home, "history.jsonl", "h\n", T0);
        cfg = SyncFixtures.config(dir.resolve("config.toml"), "box", home, ws, Map.of());
        host = hostWithStateHome(dir.resolve("state-home"));
    }

    private HostEnvironment hostWithStateHome(Path stateHome) {
        Map<String, String> env = new HashMap<>(HostEnvironment.current().env());
        env.put("CODEXSYNC_STATE_HOME", stateHome.toString());
        HostEnvironment current = HostEnvironment.current();
        return new HostEnvironment(env, current.userHome(), current.hostName(), current.os());
    }

    private SyncConfig config() {
        return new ConfigLoader(host).load(cfg, ConfigOverrides.NONE);
    }

    private Report apply(HostEnvironment h, boolean takeOver) {
        return new SyncService(h, new SyncServiceTest.FakeGuard(), ApplyHooks.NONE, Progress.NONE)
                .sync(Invocation.of(cfg), SyncService.Mode.APPLY, true, takeOver);
    }

    private Path stateFile() {
        return ws.resolve("state/machines/box.json");
    }

    private Object recordedOwner() throws IOException {
        return Json.parseObject(Files.readString(stateFile())).get("installation_id");
    }

    @Test
    void a_new_installation_has_no_id_until_its_first_writing_run_which_creates_and_records_it() throws IOException {
        MachineIdClaim before = MachineIdClaim.check(config(), host);
        assertEquals(MachineIdClaim.Kind.NEW, before.kind());
        assertNull(before.installationId());
        new SyncService(host, new SyncServiceTest.FakeGuard(), ApplyHooks.NONE, Progress.NONE)
                .sync(Invocation.of(cfg), SyncService.Mode.DRY_RUN, true, false);
        assertFalse(Files.exists(dir.resolve("state-home")), "a dry run creates no installation id");

        apply(host, false);
        String id = InstallationId.read(host).orElseThrow();
        assertEquals(id, recordedOwner());
        MachineIdClaim after = MachineIdClaim.check(config(), host);
        assertEquals(MachineIdClaim.Kind.OWNED, after.kind());
        assertEquals(id, InstallationId.ensure(host), "ensure never replaces an existing id");
    }

    @Test
    void a_state_file_from_before_installation_ids_is_adopted_by_the_first_installation_that_writes_it_with_a_note()
            throws IOException {
        new BaseStateStore().save(ws.resolve("state/manifest.json"), BaseState.empty("box"));
        assertNull(recordedOwner());
        assertEquals(MachineIdClaim.Kind.UNCLAIMED, MachineIdClaim.check(config(), host).kind());

        Report r = apply(host, false);
        assertEquals(0, r.status().code());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("names no installation")
                && w.contains("adopts machine id \"box\"")), r.warnings().toString());
        assertEquals(InstallationId.read(host).orElseThrow(), recordedOwner());

        HostEnvironment other = hostWithStateHome(dir.resolve("other-state-home"));
        assertEquals(MachineIdClaim.Kind.FOREIGN, MachineIdClaim.check(config(), other).kind());
    }

    @Test
    void another_installation_is_refused_with_exit_4_and_the_state_file_keeps_its_owner_until_a_take_over()
            throws IOException {
        apply(host, false);
        String first = InstallationId.read(host).orElseThrow();
        byte[] stateBefore = Files.readAllBytes(stateFile());
        HostEnvironment other = hostWithStateHome(dir.resolve("other-state-home"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> apply(other, false));
        assertEquals(4, e.status().code());
        assertTrue(e.getMessage().startsWith("machine id \"box\" is already used by another machine (last sync "),
                e.getMessage());
        assertEquals(stateFile().toString(), e.location());
        assertTrue(e.hint().startsWith("set identity.machine_id = \""), e.hint());
        assertTrue(e.hint().contains("\" in " + cfg.toAbsolutePath().normalize()), e.hint());
        assertTrue(e.hint().contains("--take-over-machine-id"), e.hint());
        assertFalse(Files.exists(dir.resolve("other-state-home")), "a refused run creates no installation id");
        assertTrue(java.util.Arrays.equals(stateBefore, Files.readAllBytes(stateFile())));

        Report taken = apply(other, true);
        assertTrue(taken.warnings().stream().anyMatch(w -> w.contains("takes over machine id \"box\"")
                && w.contains("from installation " + first)), taken.warnings().toString());
        assertEquals(InstallationId.read(other).orElseThrow(), recordedOwner());
        assertThrows(InvalidInputException.class, () -> apply(host, false), "the previous owner is refused now");
    }

    @Test
    void a_take_over_with_nothing_to_take_over_says_so() {
        Report r = apply(host, true);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("nothing to take over")), r.warnings().toString());
    }

    @Test
    void without_a_config_file_the_fix_says_how_to_get_one() {
        SyncConfig adHoc = new ConfigLoader(host).defaults(new ConfigOverrides(ws, home, null));
        String hint = MachineIdClaim.check(adHoc, host).configHint();
        assertTrue(hint.startsWith("create a config with `codexsync init-config`"), hint);
        assertTrue(hint.contains("set identity.machine_id = \"") && hint.contains("pass it with -c FILE"), hint);
    }

    @Test
    void a_damaged_installation_id_file_is_exit_4_naming_it() throws IOException {
        Path idFile = dir.resolve("state-home/installation-id");
        Files.createDirectories(idFile.getParent());
        Files.writeString(idFile, "not an id\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InstallationId.read(host));
        assertEquals(idFile.toString(), e.location());
        assertTrue(e.hint().contains("delete the file"), e.hint());
    }

    @Test
    void init_config_proposes_the_host_name_plus_a_suffix_and_the_template_says_why() throws IOException {
        Path out = dir.resolve("init/config.toml");
        Report r = new ConfigService(host).initConfig(out, false, null);
        String text = Files.readString(out);
        String expectedPrefix = codexsync.config.MachineIds.sanitise(host.hostName()) + "-";
        String id = (String) r.json().get("machine_id");
        assertTrue(id.startsWith(expectedPrefix) && id.length() == expectedPrefix.length() + 4, id);
        assertTrue(text.contains("\nmachine_id = \"" + id + "\"\n"), text);
        assertTrue(text.contains("proposes the host name plus a short random suffix"), text);
        assertEquals(id, new ConfigLoader(host).load(out, ConfigOverrides.NONE).machineId());
    }
}
