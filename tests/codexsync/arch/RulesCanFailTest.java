// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.arch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * A rule that cannot fail proves nothing: each rule is run against a fixture that breaks it and must report a
 * real violation naming the fixture (not ArchUnit's "failed to check any classes").
 */
class RulesCanFailTest {
    private static void assertViolated(ArchRule rule, JavaClasses classes, String expected) {
        AssertionError e = assertThrows(AssertionError.class, () -> rule.check(classes));
        assertTrue(e.getMessage().contains("was violated") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void layering_and_purity_rules_catch_a_planner_that_reaches_up_and_reads_the_disk() {
        JavaClasses classes = new ClassFileImporter().importClasses(codexsync.plan.LayeringViolationFixture.class,
                codexsync.cli.Cli.class);
        assertViolated(ArchRules.LIB_IS_LAYERED, classes, "LayeringViolationFixture");
        assertViolated(ArchRules.PLAN_IS_PURE, classes, "LayeringViolationFixture");
    }

    @Test
    void third_party_rules_catch_picocli_and_processes_outside_their_packages() {
        assertViolated(ArchRules.ONLY_CLI_AND_COMMANDS_USE_PICOCLI, ProductClasses.fixtures(), "BadPlanner");
        assertViolated(ArchRules.ONLY_GUARD_TOUCHES_PROCESSES, ProductClasses.fixtures(), "BadPlanner");
    }

    @Test
    void safety_rule_catches_a_direct_write() {
        assertViolated(ArchRules.ONLY_FS_WRITES_FILES, ProductClasses.fixtures(), "Files.writeString");
    }
}
