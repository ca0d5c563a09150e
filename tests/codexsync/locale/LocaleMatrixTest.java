// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.Jdks;
import codexsync.testsupport.ProcessRun;
import codexsync.testsupport.RepoRoot;
import codexsync.testsupport.SyncFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Non-ASCII skill and prompt names survive sync, listing, backup and restore byte for byte whatever locale
 * codexsync starts in (LANG/LC_ALL unset as under cron or systemd, C, POSIX, UTF-8) and on JDK 17 and 25: the
 * real CLI through ./jbang, as a scheduler starts it.
 */
class LocaleMatrixTest {
    private static final Set<String> LOCALE_VARS = ProcessRun.LOCALE_VARIABLES;
    private static final String SKILL = "skills/ü-skill/SKILL.md";
    private static final String PROMPT = "prompts/日本語 prompt.md";

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        // Every locale on both JDKs: JDK 25's UTF-8 default charset (JEP 400) does not cover file names, which
        // still follow the locale (sun.jnu.encoding), so C and POSIX matter there as much as on 17.
        for (String locale : new String[] {null, "C", "POSIX", "C.UTF-8"}) {
            all.add(Arguments.of(17, locale));
            all.add(Arguments.of(25, locale));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "JDK {0}, locale {1}")
    @MethodSource("cases")
    void nonAsciiNamesSurviveSyncPlanBackupAndRestore(int jdk, String locale) throws IOException {
        Path javaHome = Jdks.home(jdk).orElse(null);
        Assumptions.assumeTrue(javaHome != null, "no JDK " + jdk + " installed under /usr/lib/jvm (or $CODEXSYNC_JDK_"
                + jdk + ")");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path ws = tmp.resolve("wörkspace");
        Path config = SyncFixtures.config(tmp.resolve("config.toml"), "desk", home, ws,
                Map.of("targets", "include_roots = [\"skills\", \"prompts\"]"));
        byte[] skillV1 = "v1 ü\n".getBytes(StandardCharsets.UTF_8);
        byte[] prompt = "日本\n".getBytes(StandardCharsets.UTF_8);
        write(home.resolve(SKILL), skillV1, 1_700_000_000L);
        write(home.resolve(PROMPT), prompt, 1_700_000_000L);

        ProcessRun.Result first = run(javaHome, locale, "-c", config.toString(), "sync", "--apply");
        assertEquals(0, first.code(), first.toString());
        assertArrayEquals(skillV1, Files.readAllBytes(ws.resolve("sync").resolve(SKILL)), first.toString());
        assertArrayEquals(prompt, Files.readAllBytes(ws.resolve("sync").resolve(PROMPT)), first.toString());

        // Another machine changed the skill: plan lists it by its real name (UTF-8 JSON on stdout).
        byte[] skillV2 = "v2 ü from the laptop\n".getBytes(StandardCharsets.UTF_8);
        write(ws.resolve("sync").resolve(SKILL), skillV2, 1_800_000_000L);
        ProcessRun.Result plan = run(javaHome, locale, "-c", config.toString(), "plan", "--json");
        assertEquals(0, plan.code(), plan.toString());
        assertTrue(plan.out().contains("ü-skill/SKILL.md"), plan.toString());

        // Syncing it backs up the local v1 first; restore puts v1 back byte for byte.
        ProcessRun.Result second = run(javaHome, locale, "-c", config.toString(), "sync", "--apply");
        assertEquals(0, second.code(), second.toString());
        assertArrayEquals(skillV2, Files.readAllBytes(home.resolve(SKILL)), second.toString());
        ProcessRun.Result restore = run(javaHome, locale, "-c", config.toString(), "restore", "--apply");
        assertEquals(0, restore.code(), restore.toString());
        assertArrayEquals(skillV1, Files.readAllBytes(home.resolve(SKILL)), restore.toString());
        assertArrayEquals(prompt, Files.readAllBytes(home.resolve(PROMPT)), restore.toString());
        try (Stream<Path> names = Files.walk(home)) {
            assertTrue(names.noneMatch(p -> p.getFileName().toString().contains("?")), "no garbled name was created");
        }
    }

    private static ProcessRun.Result run(Path javaHome, String locale, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", javaHome.toString());
        if (locale != null) {
            env.put("LC_ALL", locale);
        }
        List<String> cmd = new ArrayList<>(List.of("./jbang", "codexsync.java"));
        cmd.addAll(List.of(args));
        return ProcessRun.run(RepoRoot.find(), env, LOCALE_VARS, cmd);
    }

    private static void write(Path file, byte[] content, long mtimeSeconds) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeSeconds * 1000));
    }
}
