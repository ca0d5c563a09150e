// SPDX-License-Identifier: GPL-3.0-or-later
// The manifest of lib/: every shared source and the shared dependencies, listed by name because JBang does not
// expand //SOURCES globs for scripts loaded from a URL. A test fails when a lib file is missing here.
// Regenerate with: sh lib/update-sources.sh
//DEPS info.picocli:picocli:4.7.7
//DEPS org.tomlj:tomlj:1.1.1
//DEPS org.apache.commons:commons-compress:1.28.0
//DEPS com.google.code.gson:gson:2.13.2
//DEPS org.slf4j:slf4j-api:2.0.17
//DEPS ch.qos.logback:logback-classic:1.5.21
//SOURCES codexsync/app/ConfigService.java
//SOURCES codexsync/app/DoctorService.java
//SOURCES codexsync/app/GuardRequest.java
//SOURCES codexsync/app/Invocation.java
//SOURCES codexsync/app/Report.java
//SOURCES codexsync/app/RunLogging.java
//SOURCES codexsync/app/RunSummary.java
//SOURCES codexsync/app/SimpleReport.java
//SOURCES codexsync/app/doctor/BoundedWalk.java
//SOURCES codexsync/app/doctor/Check.java
//SOURCES codexsync/app/doctor/DoctorChecks.java
//SOURCES codexsync/app/doctor/DoctorReport.java
//SOURCES codexsync/app/doctor/FolderChecks.java
//SOURCES codexsync/app/doctor/NeverSyncedFiles.java
//SOURCES codexsync/app/doctor/StateChecks.java
//SOURCES codexsync/cli/BaseCommand.java
//SOURCES codexsync/cli/Cli.java
//SOURCES codexsync/cli/FolderOptions.java
//SOURCES codexsync/cli/GlobalOptions.java
//SOURCES codexsync/cli/ReportPrinter.java
//SOURCES codexsync/cli/VersionProvider.java
//SOURCES codexsync/config/BackupOptions.java
//SOURCES codexsync/config/ConfigLoader.java
//SOURCES codexsync/config/ConfigOverrides.java
//SOURCES codexsync/config/ConfigTemplate.java
//SOURCES codexsync/config/ConflictOptions.java
//SOURCES codexsync/config/LoggingOptions.java
//SOURCES codexsync/config/MachineIds.java
//SOURCES codexsync/config/PathOverlap.java
//SOURCES codexsync/config/ProcessOptions.java
//SOURCES codexsync/config/SafetyOptions.java
//SOURCES codexsync/config/Selection.java
//SOURCES codexsync/config/StatePaths.java
//SOURCES codexsync/config/SyncConfig.java
//SOURCES codexsync/config/SyncOptions.java
//SOURCES codexsync/config/TomlReader.java
//SOURCES codexsync/core/CodexRunningException.java
//SOURCES codexsync/core/CodexsyncException.java
//SOURCES codexsync/core/ConflictException.java
//SOURCES codexsync/core/ExitStatus.java
//SOURCES codexsync/core/HostEnvironment.java
//SOURCES codexsync/core/InvalidInputException.java
//SOURCES codexsync/core/Json.java
//SOURCES codexsync/core/Progress.java
//SOURCES codexsync/core/RuntimeFailureException.java
//SOURCES codexsync/core/SafeAbortException.java
//SOURCES codexsync/core/Version.java
//SOURCES codexsync/fs/AtomicFiles.java
//SOURCES codexsync/fs/ExclusiveLock.java
//SOURCES codexsync/fs/FileHasher.java
//SOURCES codexsync/fs/FileInUseException.java
//SOURCES codexsync/fs/StagingNames.java
//SOURCES codexsync/guard/CodexCloser.java
//SOURCES codexsync/guard/CodexDetector.java
//SOURCES codexsync/guard/CodexGuard.java
//SOURCES codexsync/guard/CodexStatus.java
//SOURCES codexsync/guard/ConfirmationText.java
//SOURCES codexsync/guard/ConsoleConfirmation.java
//SOURCES codexsync/guard/ExternalCommand.java
//SOURCES codexsync/guard/GracefulCloser.java
//SOURCES codexsync/guard/GuardDecision.java
//SOURCES codexsync/guard/PosixPsReader.java
//SOURCES codexsync/guard/ProcessCodexGuard.java
//SOURCES codexsync/guard/ProcessHandleReader.java
//SOURCES codexsync/guard/ProcessLiveness.java
//SOURCES codexsync/guard/ProcessNames.java
//SOURCES codexsync/guard/ProcessReader.java
//SOURCES codexsync/guard/ProcessSnapshot.java
//SOURCES codexsync/guard/Sleeper.java
//SOURCES codexsync/guard/SwingConfirmation.java
//SOURCES codexsync/guard/SystemProcessReader.java
//SOURCES codexsync/guard/TerminationConfirmer.java
//SOURCES codexsync/guard/WindowsProcessLists.java
//SOURCES codexsync/log/JsonLayout.java
//SOURCES codexsync/log/LevelNames.java
//SOURCES codexsync/log/LogFileNames.java
//SOURCES codexsync/log/LogHousekeeping.java
//SOURCES codexsync/log/LogRecord.java
//SOURCES codexsync/log/LogSetup.java
//SOURCES codexsync/log/LogfmtLayout.java
//SOURCES codexsync/log/SecretMasker.java
//SOURCES codexsync/log/TextLayout.java
//SOURCES codexsync/plan/ActionKind.java
//SOURCES codexsync/plan/BaseEntry.java
//SOURCES codexsync/plan/BaseState.java
//SOURCES codexsync/plan/Conflict.java
//SOURCES codexsync/plan/Fingerprint.java
//SOURCES codexsync/plan/PlannedAction.java
//SOURCES codexsync/plan/SyncPlan.java
//SOURCES codexsync/scan/FileState.java
//SOURCES codexsync/scan/Snapshot.java
package codexsync;

/** Holds no code: JBang reads the //SOURCES and //DEPS lines above. */
final class LibSources {
    private LibSources() {
    }
}
