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
        assertViolated(ArchRules.PLAN_IS_PURE, classes, "java.nio.file.Files");
        // An allow-list: also what no deny-list thought of, such as the network.
        assertViolated(ArchRules.PLAN_IS_PURE, classes, "java.net.InetAddress");
    }

    @Test
    void third_party_rules_catch_picocli_and_processes_outside_their_packages() {
        assertViolated(ArchRules.ONLY_CLI_AND_COMMANDS_USE_PICOCLI, ProductClasses.fixtures(), "BadPlanner");
        assertViolated(ArchRules.ONLY_GUARD_TOUCHES_PROCESSES, ProductClasses.fixtures(), "BadPlanner");
    }

    @Test
    void safety_rule_catches_every_kind_of_direct_write() {
        for (String write : new String[] {"Files.writeString", "FileChannel.open", "Files.newByteChannel",
                "RandomAccessFile.<init>", "File.renameTo", "File.delete"}) {
            assertViolated(ArchRules.ONLY_FS_WRITES_FILES, ProductClasses.fixtures(), write);
        }
    }

    @Test
    void product_classes_are_chosen_by_source_folder_not_by_name() {
        JavaClasses product = ProductClasses.get();
        assertTrue(product.contain(codexsync.apply.WriteEngine.class) && product.contain(codexsync.fs.CrashPoints.class));
        assertTrue(product.contain("codexsync.commands.SyncCommand"));
        // Test code whose name says nothing about tests, and the bad fixtures, stay out.
        for (String test : new String[] {"codexsync.apply.ApplyKit", "codexsync.testsupport.CliRun",
                "codexsync.plan.LayeringViolationFixture", "codexsync.plan.PlanFixtures"}) {
            assertTrue(!product.contain(test), test + " was imported as product");
        }
    }

    @Test
    void cycle_rule_catches_a_package_cycle() {
        JavaClasses classes = new ClassFileImporter().importClasses(codexsync.cyclea.CycleAFixture.class,
                codexsync.cycleb.CycleBFixture.class);
        assertViolated(ArchRules.LIB_PACKAGES_ARE_FREE_OF_CYCLES, classes, "Cycle detected");
    }

    @Test
    void every_library_confinement_rule_catches_a_use_outside_its_package() {
        JavaClasses fixtures = ProductClasses.fixtures();
        assertViolated(ArchRules.ONLY_CONFIG_USES_TOMLJ, fixtures, "org.tomlj");
        assertViolated(ArchRules.ONLY_BACKUP_USES_COMMONS_COMPRESS, fixtures, "org.apache.commons.compress");
        assertViolated(ArchRules.ONLY_LOG_USES_LOGBACK, fixtures, "ch.qos.logback");
        assertViolated(ArchRules.ONLY_CORE_USES_GSON, fixtures, "com.google.gson");
    }

    @Test
    void coding_rules_catch_streams_exit_and_generic_exceptions() {
        JavaClasses fixtures = ProductClasses.fixtures();
        assertViolated(CodingRulesTest.ONLY_CLI_TOUCHES_STANDARD_STREAMS, fixtures, "System.out");
        assertViolated(CodingRulesTest.ONLY_CLI_EXITS, fixtures, "System.exit");
        assertViolated(com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS,
                fixtures, "RuntimeException");
    }
}
