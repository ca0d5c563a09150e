// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.CliRun;
import codexsync.testsupport.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * doctor's {@code manifest} check and {@code plan} read the base state through the same reader, so they agree:
 * doctor FAILs exactly the files plan refuses with exit 4, and a 0.1.1 file reads as never synchronised. The old
 * single manifest is read while this machine has no own state file (migration); the own file is checked the same way.
 */
class DoctorManifestAgreementTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "old manifest, migrating | {\"data_version\": 1, \"machines\": {\"doctor-test\": {\"files\": {}}}}    | PASS",
        "other machine only      | {\"data_version\": 1, \"machines\": {\"other\": {\"files\": {}}}}          | PASS",
        "legacy 0.1.1            | {\"data_version\": 1, \"files\": {}}                                      | WARN",
        "data_version 2          | {\"data_version\": 2, \"machines\": {}}                                   | FAIL",
        "data_version 1.0        | {\"data_version\": 1.0, \"machines\": {}}                                 | FAIL",
        "invalid JSON            | {\"data_version\": 1,                                                     | FAIL",
        "machines not an object  | {\"data_version\": 1, \"machines\": []}                                   | FAIL",
        "own entry without files | {\"data_version\": 1, \"machines\": {\"doctor-test\": {}}}                | FAIL",
    })
    void doctorFailsExactlyWhatPlanRefuses(String what, String manifest, String verdict) throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, "\"codex-none-" + UUID.randomUUID().toString().substring(0, 8) + "\"");
        Files.writeString(f.workspace.resolve("state/manifest.json"), manifest);
        agree(what, f, verdict);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "current                 | {\"data_version\": 2, \"machine_id\": \"doctor-test\", \"files\": {}}     | PASS",
        "data_version 3          | {\"data_version\": 3, \"files\": {}}                                     | FAIL",
        "the old format          | {\"data_version\": 1, \"machines\": {}}                                  | FAIL",
        "invalid JSON            | {\"data_version\": 2,                                                    | FAIL",
        "files not an object     | {\"data_version\": 2, \"files\": []}                                     | FAIL",
        "another machine's id    | {\"data_version\": 2, \"machine_id\": \"x\", \"files\": {}}               | FAIL",
    })
    void doctorFailsExactlyTheOwnStateFilesPlanRefuses(String what, String own, String verdict) throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, "\"codex-none-" + UUID.randomUUID().toString().substring(0, 8) + "\"");
        Files.createDirectories(f.workspace.resolve("state/machines"));
        Files.writeString(f.workspace.resolve("state/machines/doctor-test.json"), own);
        agree(what, f, verdict);
    }

    private static void agree(String what, DoctorFixture f, String verdict) throws Exception {
        Result doctor = CliRun.umbrella("-c", f.config.toString(), "doctor");
        String line = doctor.out().lines().filter(l -> l.contains("] manifest:")).findFirst().orElse("<none>");
        assertTrue(line.startsWith("  [" + verdict + "] manifest:"), what + ": " + doctor);
        if (verdict.equals("WARN")) {
            assertTrue(line.contains("never synchronised"), line);
        }
        Result plan = CliRun.umbrella("-c", f.config.toString(), "plan");
        assertEquals(verdict.equals("FAIL"), plan.code() == 4, what + ": " + plan);
        if (verdict.equals("FAIL")) {
            assertTrue(plan.err().contains("base state"), plan.toString());
        }
    }
}
