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
//SOURCES codexsync/app/Invocation.java
//SOURCES codexsync/app/Report.java
//SOURCES codexsync/app/RestoreRequest.java
//SOURCES codexsync/app/RestoreService.java
//SOURCES codexsync/app/RunLogging.java
//SOURCES codexsync/app/SimpleReport.java
//SOURCES codexsync/backup/EntryNames.java
//SOURCES codexsync/backup/FolderSnapshot.java
//SOURCES codexsync/backup/NeverRestored.java
//SOURCES codexsync/backup/OpenSnapshot.java
//SOURCES codexsync/backup/RestoreGlob.java
//SOURCES codexsync/backup/RestoreScope.java
//SOURCES codexsync/backup/RestoreSnapshotWriter.java
//SOURCES codexsync/backup/SnapshotCatalog.java
//SOURCES codexsync/backup/SnapshotEntry.java
//SOURCES codexsync/backup/SnapshotFormat.java
//SOURCES codexsync/backup/SnapshotInfo.java
//SOURCES codexsync/backup/SnapshotManifest.java
//SOURCES codexsync/backup/SnapshotNames.java
//SOURCES codexsync/backup/SnapshotSink.java
//SOURCES codexsync/backup/SnapshotStats.java
//SOURCES codexsync/backup/ZipSnapshot.java
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
//SOURCES codexsync/fs/FileHasher.java
//SOURCES codexsync/fs/FileInUseException.java
//SOURCES codexsync/fs/StagedWrite.java
//SOURCES codexsync/fs/StagingNames.java
//SOURCES codexsync/guard/CodexGuard.java
//SOURCES codexsync/guard/ProcessCodexGuard.java
//SOURCES codexsync/log/LogSetup.java
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
