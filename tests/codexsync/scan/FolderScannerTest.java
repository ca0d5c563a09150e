// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import codexsync.config.ConfigLoader;
import codexsync.config.Selection;
import codexsync.core.Progress;
import codexsync.core.RuntimeFailureException;
import codexsync.fs.StagingNames;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FolderScanner} on real folders in @TempDir. */
class FolderScannerTest {
    @TempDir
    Path root;

    Path write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    static FolderScanner scanner(List<String> roots, List<String> globs) {
        return new FolderScanner(new Selection(roots, globs), "MYHOST", Progress.NONE);
    }

    @Test
    void recordsSizeAndExactNanosecondMtimeOfFilesUnderIncludeRoots() throws Exception {
        Path a = write("sessions/2026/03/20/rollout-a.jsonl", "hello");
        Files.setLastModifiedTime(a, FileTime.from(1_700_000_000_123_456_789L, TimeUnit.NANOSECONDS));
        write("session_index.jsonl", "{}\n");
        write("other/ignored.txt", "x");
        Snapshot s = scanner(List.of("sessions", "session_index.jsonl", "prompts"), List.of()).scan(root);
        assertEquals(List.of("session_index.jsonl", "sessions/2026/03/20/rollout-a.jsonl"), List.copyOf(s.files().keySet()));
        FileState f = s.files().get("sessions/2026/03/20/rollout-a.jsonl");
        assertEquals(5, f.size());
        assertEquals(Files.getLastModifiedTime(a).to(TimeUnit.NANOSECONDS), f.mtimeNs());
        assertEquals(List.of("prompts"), s.missingRoots());
    }

    @Test
    void missingSideIsEmptyAndIsNotCreated() {
        Path cloud = root.resolve("no-such-cloud");
        Snapshot s = scanner(List.of("sessions", "skills"), List.of()).scan(cloud);
        assertTrue(s.files().isEmpty());
        assertEquals(List.of("sessions", "skills"), s.missingRoots());
        assertFalse(Files.exists(cloud));
    }

    @Test
    void excludeGlobsOfTheDefaultTemplateApply() throws Exception {
        write("skills/a/SKILL.md", "x");
        write("skills/a/run.lock", "x");
        write("skills/tmp/arg0/lock", "x");
        write("skills/x.log", "x");
        write("skills/a/__pycache__/m.pyc", "x");
        write("skills/.system/builtin/SKILL.md", "x");
        Snapshot s = scanner(List.of("skills"), ConfigLoader.DEFAULT_EXCLUDE_GLOBS).scan(root);
        assertEquals(List.of("skills/a/SKILL.md"), List.copyOf(s.files().keySet()));
    }

    /**
     * Inside a walked folder only a file's name is checked against the never-synced list (its folders were checked on
     * the way in); an include root that is itself a file below a never-synced folder is checked as a whole path.
     */
    @Test
    void aFileIncludeRootBelowANeverSyncedFolderIsRefused() throws Exception {
        write("skills/.sandbox-secrets/key.md", "k");
        write("skills/.SANDBOX-SECRETS/other.md", "k");
        write("skills/a/.sandbox-secrets/deep/x.md", "k");
        write("skills/a/ok.md", "ok");
        Snapshot s = scanner(List.of("skills/.sandbox-secrets/key.md", "skills/.SANDBOX-SECRETS/other.md", "skills/a"),
                List.of()).scan(root);
        assertEquals(List.of("skills/a/ok.md"), List.copyOf(s.files().keySet()));
        assertEquals(List.of("skills/.SANDBOX-SECRETS/other.md", "skills/.sandbox-secrets/key.md",
                "skills/a/.sandbox-secrets/"), s.refused());
    }

    @Test
    void neverSyncedPathsAreRefusedEvenWhenAnIncludeRootNamesThem() throws Exception {
        write("auth.json", "{\"tokens\":1}");
        write("state_5.sqlite", "db");
        write("skills/mcp/token.json", "t");
        write("skills/mcp/Credentials.json", "t");
        write("skills/.sandbox-secrets/key", "k");
        write("skills/db/cache.sqlite-wal", "w");
        write("skills/ok.md", "ok");
        Snapshot s = scanner(List.of("auth.json", "state_5.sqlite", "skills"), List.of()).scan(root);
        assertEquals(List.of("skills/ok.md"), List.copyOf(s.files().keySet()));
        assertEquals(List.of("auth.json", "skills/.sandbox-secrets/", "skills/db/cache.sqlite-wal",
                "skills/mcp/Credentials.json", "skills/mcp/token.json", "state_5.sqlite"), s.refused());
    }

    @Test
    void cloudClientFilesAreSetApartAndConflictCopiesAndPlaceholdersWarn() throws Exception {
        write("skills/.stfolder/marker", "");
        write("skills/desktop.ini", "x");
        write("skills/.dropbox.cache/blob", "x");
        write("skills/~$draft.md", "x");
        write("skills/a.sync-conflict-20260101-120000-ABCDEF.md", "x");
        write("skills/b (Alice's conflicted copy 2026-01-01).md", "x");
        write("skills/c-MYHOST.md", "x");
        write("sessions/.rollout-x.jsonl.icloud", "");
        write("skills/real.md", "x");
        Snapshot s = scanner(List.of("skills", "sessions"), List.of()).scan(root);
        assertEquals(List.of("skills/real.md"), List.copyOf(s.files().keySet()));
        assertEquals(9 - 1, s.cloudClientFiles().size(), s.cloudClientFiles().toString());
        assertEquals(List.of("sessions/rollout-x.jsonl"), s.placeholders());
        String warnings = String.join("\n", s.warnings());
        assertTrue(warnings.contains("skills/a.sync-conflict-20260101-120000-ABCDEF.md"), warnings);
        assertTrue(warnings.contains("skills/b (Alice's conflicted copy 2026-01-01).md"), warnings);
        assertTrue(warnings.contains("skills/c-MYHOST.md"), warnings);
        assertTrue(warnings.contains("iCloud has not downloaded sessions/rollout-x.jsonl"), warnings);
    }

    @Test
    void ownStagingFilesAreSkipped() throws Exception {
        Path dest = root.resolve("skills/a.md");
        write("skills/a.md", "x");
        Path staging = StagingNames.stagingFor(dest);
        Files.writeString(staging, "half");
        Snapshot s = scanner(List.of("skills"), List.of()).scan(root);
        assertEquals(List.of("skills/a.md"), List.copyOf(s.files().keySet()));
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
    }

    @Test
    void ownStagingFilesAreRecordedByRelativePathButNotSynced() throws Exception {
        write("skills/a.md", "x");
        Path nested = StagingNames.stagingFor(root.resolve("skills/deep/b.md"));
        Files.createDirectories(nested.getParent());
        Files.writeString(nested, "half");
        Files.writeString(StagingNames.stagingFor(root.resolve("skills/a.md")), "half");
        write("skills/.a.md.codexsync-nothex.tmp", "not ours"); // not a staging name: an ordinary file
        write("other/.c.md.codexsync-0123456789ab.tmp", "outside the include roots");
        Snapshot s = scanner(List.of("skills"), List.of()).scan(root);
        assertEquals(List.of("skills/.a.md.codexsync-nothex.tmp", "skills/a.md"), List.copyOf(s.files().keySet()));
        assertEquals(2, s.staging().size(), s.staging().toString());
        assertTrue(s.staging().contains("skills/deep/" + nested.getFileName()), s.staging().toString());
        assertTrue(s.staging().stream().allMatch(r -> r.startsWith("skills/") && StagingNames.isStaging(
                r.substring(r.lastIndexOf('/') + 1))), s.staging().toString());
    }

    @Test
    void symlinkedFolderOutOfTheRootIsNotFollowed() throws Exception {
        Path outside = Files.createDirectories(root.resolve("../outside-" + System.nanoTime()).normalize());
        Files.writeString(outside.resolve("secret.txt"), "s");
        write("skills/mine.md", "x");
        try {
            Files.createSymbolicLink(root.resolve("skills/linked"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links unavailable here: " + e);
        }
        try {
            Snapshot s = scanner(List.of("skills"), List.of()).scan(root);
            assertEquals(List.of("skills/mine.md"), List.copyOf(s.files().keySet()));
            assertTrue(s.warnings().stream().anyMatch(w -> w.contains("symbolic link not followed") && w.contains("skills/linked")),
                    s.warnings().toString());
        } finally {
            Files.delete(outside.resolve("secret.txt"));
            Files.delete(outside);
        }
    }

    @Test
    void unreadableFolderStopsTheScanInsteadOfLookingEmpty() throws Exception {
        Path locked = Files.createDirectories(root.resolve("skills/locked"));
        Files.writeString(locked.resolve("a.md"), "x");
        try {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no POSIX permissions here");
        }
        try {
            assumeTrue(!Files.isReadable(locked), "running as a user who can read anything (root)");
            assertThrows(RuntimeFailureException.class, () -> scanner(List.of("skills"), List.of()).scan(root));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void folderTheWalkCannotOpenStopsTheScanEvenForRoot() throws Exception {
        // The permission test above is skipped when running as root; this one injects the walk's failure.
        write("skills/a.md", "x");
        FolderScanner.TreeWalker failing = (start, visitor) -> FolderScanner.FILE_TREE.walk(start,
                new java.nio.file.SimpleFileVisitor<Path>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        return visitor.visitFileFailed(dir, new java.nio.file.AccessDeniedException(dir.toString()));
                    }
                });
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class,
                () -> new FolderScanner(new Selection(List.of("skills"), List.of()), null, Progress.NONE, failing)
                        .scan(root));
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void reportsRunningTotalsAsProgress() throws Exception {
        write("skills/a", "12");
        write("skills/b", "345");
        List<String> seen = new ArrayList<>();
        Progress p = new Progress() {
            @Override
            public void update(String phase, long items, long bytes) {
                seen.add(phase + " " + items + " " + bytes);
            }

            @Override
            public void done(String phase) {
                seen.add("done " + phase);
            }
        };
        new FolderScanner(new Selection(List.of("skills"), List.of()), null, p).scan(root);
        // walk order is the file system's; the running totals end at 2 files, 5 bytes
        assertEquals(3, seen.size(), seen.toString());
        assertTrue(seen.get(0).startsWith("scan 1 "), seen.toString());
        assertEquals(List.of("scan 2 5", "done scan"), seen.subList(1, 3));
    }

    /**
     * One metadata read per file. What this proves, honestly: (1) over 20,000 real files, every size and mtime the
     * scanner records comes from the attributes object the walk handed it, read at most once per attribute, and
     * the walk visited each file exactly once; (2) the scanner's classes call no other metadata method of
     * {@link Files} (size, getLastModifiedTime, readAttributes, exists, isRegularFile...) nor {@code Path.toFile},
     * so it has no second way to stat a file. It does not measure system calls inside the JDK's walk.
     */
    @Test
    void scanOf20000FilesUsesOnlyTheWalksSingleAttributeRead() throws Exception {
        int n = 20_000;
        for (int d = 0; d < 100; d++) {
            Path folder = Files.createDirectories(root.resolve("sessions/d" + d));
            for (int f = 0; f < n / 100; f++) {
                Files.writeString(folder.resolve("f" + f + ".jsonl"), "x");
            }
        }
        AtomicInteger visits = new AtomicInteger();
        AtomicLong attributeReads = new AtomicLong();
        FolderScanner.TreeWalker counting = (start, visitor) -> FolderScanner.FILE_TREE.walk(start,
                new FileVisitor<Path>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        return visitor.preVisitDirectory(dir, attrs);
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        visits.incrementAndGet();
                        return visitor.visitFile(file, new CountingAttributes(attrs, attributeReads));
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                        return visitor.visitFileFailed(file, exc);
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                        return visitor.postVisitDirectory(dir, exc);
                    }
                });
        Snapshot s = new FolderScanner(new Selection(List.of("sessions"), List.of()), null, Progress.NONE, counting)
                .scan(root);
        assertEquals(n, s.files().size());
        assertEquals(n, visits.get());
        // size() and lastModifiedTime() once each per file, nothing else read twice
        assertEquals(2L * n, attributeReads.get());

        com.tngtech.archunit.core.domain.JavaClasses scanClasses = new ClassFileImporter()
                .importPackages("codexsync.scan").that(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "FolderScanner and its inner classes",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getName().equals(FolderScanner.class.getName())
                                || c.getName().startsWith(FolderScanner.class.getName() + "$")));
        assertFalse(scanClasses.isEmpty());
        noClasses().should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a metadata read of java.nio.file.Files other than walkFileTree",
                        call -> call.getTargetOwner().isEquivalentTo(Files.class)
                                && !call.getName().equals("walkFileTree")))
                .orShould().callMethod(Path.class, "toFile")
                .check(scanClasses);
    }

    /** Wraps the walk's attributes and counts every read of size or mtime. */
    private record CountingAttributes(BasicFileAttributes inner, AtomicLong reads) implements BasicFileAttributes {
        @Override
        public FileTime lastModifiedTime() {
            reads.incrementAndGet();
            return inner.lastModifiedTime();
        }

        @Override
        public FileTime lastAccessTime() {
            reads.incrementAndGet();
            return inner.lastAccessTime();
        }

        @Override
        public FileTime creationTime() {
            reads.incrementAndGet();
            return inner.creationTime();
        }

        @Override
        public boolean isRegularFile() {
            return inner.isRegularFile();
        }

        @Override
        public boolean isDirectory() {
            return inner.isDirectory();
        }

        @Override
        public boolean isSymbolicLink() {
            return inner.isSymbolicLink();
        }

        @Override
        public boolean isOther() {
            return inner.isOther();
        }

        @Override
        public long size() {
            reads.incrementAndGet();
            return inner.size();
        }

        @Override
        public Object fileKey() {
            return inner.fileKey();
        }
    }

    @Test
    void streamOfFilesIsUnchangedByAScan() throws Exception {
        write("skills/a.md", "x");
        write("auth.json", "t");
        List<String> before;
        try (Stream<Path> s = Files.walk(root)) {
            before = s.map(p -> p.toString() + ":" + p.toFile().lastModified()).sorted().toList();
        }
        scanner(List.of("skills", "auth.json", "missing"), ConfigLoader.DEFAULT_EXCLUDE_GLOBS).scan(root);
        List<String> after;
        try (Stream<Path> s = Files.walk(root)) {
            after = s.map(p -> p.toString() + ":" + p.toFile().lastModified()).sorted().toList();
        }
        assertEquals(before, after);
    }
}
