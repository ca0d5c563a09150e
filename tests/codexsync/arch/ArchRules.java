// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;

/**
 * The architecture of lib/ as executable rules (docs/architecture.md explains them). Defined once here so the
 * real check and the "can this rule fail?" check use the very same rule objects.
 */
final class ArchRules {
    private ArchRules() {
    }

    /** Dependencies point downward: commands → cli → app → {apply → (plan, backup), guard, log} → scan → config → fs → core. */
    static final ArchRule LIB_IS_LAYERED = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Commands").definedBy("codexsync.commands..")
            .layer("Cli").definedBy("codexsync.cli..")
            .layer("App").definedBy("codexsync.app..")
            .layer("Apply").definedBy("codexsync.apply..")
            .layer("Guard").definedBy("codexsync.guard..")
            .layer("Log").definedBy("codexsync.log..")
            .layer("Plan").definedBy("codexsync.plan..")
            .layer("Backup").definedBy("codexsync.backup..")
            .layer("Scan").definedBy("codexsync.scan..")
            .layer("Config").definedBy("codexsync.config..")
            .layer("Fs").definedBy("codexsync.fs..")
            .layer("Core").definedBy("codexsync.core..")
            .whereLayer("Commands").mayNotBeAccessedByAnyLayer()
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Commands")
            .whereLayer("App").mayOnlyBeAccessedByLayers("Cli", "Commands")
            .whereLayer("Apply").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Guard").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Log").mayOnlyBeAccessedByLayers("App", "Cli")
            .whereLayer("Plan").mayOnlyBeAccessedByLayers("Apply", "App")
            .whereLayer("Backup").mayOnlyBeAccessedByLayers("Apply", "App")
            .whereLayer("Scan").mayOnlyBeAccessedByLayers("Plan", "Apply", "Backup", "App")
            .whereLayer("Config").mayOnlyBeAccessedByLayers("Scan", "Plan", "Backup", "Apply", "Guard", "Log", "App", "Cli")
            .whereLayer("Fs").mayOnlyBeAccessedByLayers("Config", "Scan", "Backup", "Apply", "Guard", "Log", "App");

    static final ArchRule LIB_PACKAGES_ARE_FREE_OF_CYCLES =
            SlicesRuleDefinition.slices().matching("codexsync.(*)..").should().beFreeOfCycles();

    static final ArchRule ONLY_CLI_AND_COMMANDS_USE_PICOCLI = noClasses()
            .that().resideOutsideOfPackages("codexsync.cli..", "codexsync.commands..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("argument parsing is the edge's business; lib stays usable without a CLI");

    static final ArchRule ONLY_CONFIG_USES_TOMLJ = noClasses().that().resideOutsideOfPackage("codexsync.config..")
            .should().dependOnClassesThat().resideInAPackage("org.tomlj..");

    static final ArchRule ONLY_BACKUP_USES_COMMONS_COMPRESS = noClasses().that().resideOutsideOfPackage("codexsync.backup..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.commons.compress..");

    static final ArchRule ONLY_SCAN_USES_ZSTD = noClasses().that().resideOutsideOfPackage("codexsync.scan..")
            .should().dependOnClassesThat().resideInAPackage("com.github.luben.zstd..")
            .because("x.jsonl and x.jsonl.zst are one logical file, read in one place: scan.LogicalFiles (D29)");

    static final ArchRule ONLY_LOG_USES_LOGBACK = noClasses().that().resideOutsideOfPackage("codexsync.log..")
            .should().dependOnClassesThat().resideInAPackage("ch.qos.logback..");

    static final ArchRule ONLY_CORE_USES_GSON = noClasses().that().resideOutsideOfPackage("codexsync.core..")
            .should().dependOnClassesThat().resideInAPackage("com.google.gson..");

    static final ArchRule ONLY_GUARD_TOUCHES_PROCESSES = noClasses().that().resideOutsideOfPackage("codexsync.guard..")
            .should().dependOnClassesThat().haveFullyQualifiedName(ProcessHandle.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(Process.class.getName())
            .because("only the Codex guard and the run lock look at processes; plan never does (D10)");

    /** Every write goes through codexsync.fs, which stages, flushes and renames. */
    static final ArchRule ONLY_FS_WRITES_FILES = noClasses().that().resideOutsideOfPackage("codexsync.fs..")
            .should().callMethodWhere(DescribedPredicate.describe(
                    "a method that writes, moves, deletes or opens a file for writing",
                    call -> writesFiles(call.getTargetOwner().getName(), call.getName())))
            .orShould().callConstructorWhere(DescribedPredicate.describe("a constructor that opens a file to write",
                    ArchRules::opensFileToWrite))
            .because("writes must be staged, flushed and renamed atomically (D18), which only codexsync.fs does");

    private static boolean writesFiles(String owner, String method) {
        return switch (owner) {
            case "java.nio.file.Files" -> method.matches("write.*|move|copy|delete.*|newOutputStream|newBufferedWriter|"
                    + "newByteChannel|create(File|Directory|Directories|TempFile|TempDirectory|Link|SymbolicLink)|"
                    + "setLastModifiedTime|setAttribute|setPosixFilePermissions|setOwner");
            // Channels can write whatever the open options say, so opening one at all is fs's business.
            case "java.nio.channels.FileChannel", "java.nio.channels.AsynchronousFileChannel" -> method.equals("open");
            case "java.io.File" -> method.matches("delete|deleteOnExit|renameTo|mkdirs?|createNewFile|createTempFile|"
                    + "set(LastModified|ReadOnly|Writable|Readable|Executable)");
            default -> false;
        };
    }

    private static boolean opensFileToWrite(com.tngtech.archunit.core.domain.JavaConstructorCall call) {
        String owner = call.getTargetOwner().getName();
        List<String> params = call.getTarget().getRawParameterTypes().stream().map(JavaClass::getName).toList();
        boolean namesAFile = !params.isEmpty() && (params.get(0).equals(String.class.getName())
                || params.get(0).equals(java.io.File.class.getName()));
        return switch (owner) {
            case "java.io.FileOutputStream", "java.io.FileWriter", "java.io.RandomAccessFile" -> true;
            case "java.io.PrintWriter", "java.io.PrintStream" -> namesAFile;
            default -> false;
        };
    }

    /**
     * An allow-list: the planner is a pure function of two scans and the base state (D11), so it may use the
     * language, collections and time values, core, config and scan's value types (and D29's content question and
     * name functions) — nothing that reaches a disk, a
     * clock source other than what it is given, a process or the network.
     */
    static final ArchRule PLAN_IS_PURE = classes().that().resideInAPackage("codexsync.plan..")
            .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("java.lang", "java.util..",
                            "java.time..", "codexsync.core..", "codexsync.config..", "codexsync.plan..")
                    .or(JavaClass.Predicates.belongToAnyOf(codexsync.scan.Snapshot.class,
                            codexsync.scan.FileState.class, codexsync.scan.ContentHashes.class,
                            // D29: the planner asks about append-only content through this interface (the scan
                            // side streams the files) and names twins with pure string functions
                            codexsync.scan.AppendOnlyContent.class, codexsync.scan.Relation.class,
                            codexsync.scan.LogicalNames.class)))
            .because("the planner is a pure function of two scans and the base state (D11)");
}
