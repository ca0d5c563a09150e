// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import codexsync.core.CodexsyncException;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

class CodingRulesTest {
    static final ArchRule ONLY_CLI_TOUCHES_STANDARD_STREAMS = noClasses()
            .that().resideOutsideOfPackages("codexsync.cli..", "codexsync.commands..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("stdout carries only the product and is written by the CLI");
    static final ArchRule ONLY_CLI_EXITS = noClasses().that().resideOutsideOfPackage("codexsync.cli..")
            .should().callMethod(System.class, "exit", int.class);

    @Test
    void only_the_cli_touches_standard_streams() {
        ONLY_CLI_TOUCHES_STANDARD_STREAMS.check(ProductClasses.get());
    }

    @Test
    void only_the_cli_exits_the_jvm() {
        ONLY_CLI_EXITS.check(ProductClasses.get());
    }

    @Test
    void no_generic_exceptions_are_thrown() {
        GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(ProductClasses.get());
    }

    @Test
    void command_types_end_in_command() {
        classes().that().resideInAPackage("codexsync.commands").and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("Command").check(ProductClasses.get());
    }

    @Test
    void codexsync_exceptions_end_in_exception_and_live_in_core() {
        classes().that().areAssignableTo(CodexsyncException.class)
                .should().haveSimpleNameEndingWith("Exception").andShould().resideInAPackage("codexsync.core")
                .check(ProductClasses.get());
    }
}
