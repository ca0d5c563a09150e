// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import codexsync.config.Selection;
import codexsync.core.Progress;
import codexsync.core.RuntimeFailureException;
import codexsync.fs.StagingNames;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Scans one side (the local Codex home or the cloud mirror) under {@code targets.include_roots} into a
 * {@link Snapshot}. Guarantees:
 * <ul>
 *   <li>one metadata read per file: size and mtime come from the {@link BasicFileAttributes} the directory walk
 *       already read ({@link Files#walkFileTree}); the scanner makes no other stat call and never opens a file;</li>
 *   <li>nothing is created or changed; a missing side or include root is simply empty ({@code missingRoots});</li>
 *   <li>the never-synced list ({@link NeverSynced}) wins over any include root, and such paths are listed in
 *       {@code refused}; codexsync's own staging files are skipped (and listed in
 *       {@code staging}, so a writing run can remove stale leftovers); cloud-client files are set apart;</li>
 *   <li>symbolic links are never followed (a linked folder could lead out of the side, or loop): each is skipped
 *       with a warning; other special files likewise;</li>
 *   <li>an entry that cannot be read stops the scan (exit 1): silently missing it could later look like a
 *       deletion.</li>
 * </ul>
 */
public final class FolderScanner {
    /** The directory walk; injectable so a test can count how the scanner uses the walk's attributes. */
    @FunctionalInterface
    public interface TreeWalker {
        void walk(Path start, FileVisitor<Path> visitor) throws IOException;
    }

    /** The real walk: no FOLLOW_LINKS, so a symlink is reported as itself and never entered. */
    public static final TreeWalker FILE_TREE = (start, visitor) ->
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, visitor);

    private final List<String> includeRoots;
    private final GlobMatcher excludes;
    private final CloudClientFiles cloudClient;
    private final Progress progress;
    private final TreeWalker walker;

    /**
     * @param selection include roots and exclude globs from the config
     * @param hostName  this machine's host name (recognises OneDrive conflict copies), may be null
     * @param progress  receives running totals (phase "scan")
     */
    public FolderScanner(Selection selection, String hostName, Progress progress) {
        this(selection, hostName, progress, FILE_TREE);
    }

    public FolderScanner(Selection selection, String hostName, Progress progress, TreeWalker walker) {
        this(selection, new CloudClientFiles(hostName), progress, walker);
    }

    /** With the cloud-client rules given, e.g. knowing every machine's host name (OneDrive conflict copies). */
    public static FolderScanner withRules(Selection selection, CloudClientFiles cloudClient, Progress progress) {
        return new FolderScanner(selection, cloudClient, progress, FILE_TREE);
    }

    private FolderScanner(Selection selection, CloudClientFiles cloudClient, Progress progress, TreeWalker walker) {
        this(List.copyOf(selection.includeRoots()), new GlobMatcher(selection.excludeGlobs()), cloudClient, progress,
                walker);
    }

    private FolderScanner(List<String> includeRoots, GlobMatcher excludes, CloudClientFiles cloudClient,
                          Progress progress, TreeWalker walker) {
        this.includeRoots = includeRoots;
        this.excludes = excludes;
        this.cloudClient = cloudClient;
        this.progress = progress;
        this.walker = walker;
    }

    /** The same scanner (same compiled rules) reporting no progress, e.g. for a second tree walked at the same time. */
    public FolderScanner withoutProgress() {
        return new FolderScanner(includeRoots, excludes, cloudClient, Progress.NONE, walker);
    }

    /** Scans {@code root}; a root that does not exist gives an empty snapshot with every include root missing. */
    public Snapshot scan(Path root) {
        Collector c = new Collector(root.toAbsolutePath().normalize());
        for (String includeRoot : includeRoots) {
            Path start = c.root.resolve(includeRoot);
            try {
                walker.walk(start, c.visitor(includeRoot, start));
            } catch (IOException e) {
                throw unreadable(start, e);
            }
        }
        progress.done("scan");
        return new Snapshot(c.root, c.files, sorted(c.refused), sorted(c.missingRoots), sorted(c.cloudClientFiles),
                List.copyOf(c.warnings), sorted(c.placeholders), sorted(c.staging));
    }

    private static List<String> sorted(java.util.Collection<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    private static RuntimeFailureException unreadable(Path path, IOException e) {
        return new RuntimeFailureException("cannot read " + path + " while scanning: " + e.getMessage(), path.toString(),
                "fix its permissions, or exclude it with filters.exclude_globs", e);
    }

    /** Mutable state of one scan; the visitor fills it. */
    private final class Collector {
        final Path root;
        /** The root's text with one trailing separator: every path the walk reports starts with it. */
        final String rootPrefix;
        /** Whether the file system already separates with '/' (all but Windows): then no rewriting is needed. */
        final boolean slashSeparated;
        final TreeMap<String, FileState> files = new TreeMap<>();
        final List<String> refused = new ArrayList<>();
        final List<String> missingRoots = new ArrayList<>();
        final List<String> cloudClientFiles = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<String> placeholders = new ArrayList<>();
        final List<String> staging = new ArrayList<>();
        long count;
        long bytes;

        Collector(Path root) {
            this.root = root;
            String text = root.toString();
            String separator = root.getFileSystem().getSeparator();
            this.rootPrefix = text.endsWith(separator) ? text : text + separator;
            this.slashSeparated = separator.equals("/");
        }

        /** The path relative to the root with '/' separators; cutting off the root's text avoids a Path per file. */
        String rel(Path p) {
            String text = p.toString();
            String rel = text.startsWith(rootPrefix) ? text.substring(rootPrefix.length())
                    : root.relativize(p).toString();
            return slashSeparated ? rel : rel.replace('\\', '/');
        }

        FileVisitor<Path> visitor(String includeRoot, Path start) {
            return new FileVisitor<>() {
                /**
                 * Whether the walk started at a folder: then every folder on a visited file's path has passed
                 * {@link #anySegmentRefused} on the way in, and only the file's own name is left to check. An include
                 * root that is a file is visited without that, so its whole path is checked.
                 */
                boolean foldersChecked;

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String rel = rel(dir);
                    if (anySegmentRefused(rel)) {
                        refused.add(rel + "/");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    foldersChecked = true;
                    if (!dir.equals(start) && cloudClient.isClientFolder(dir.getFileName().toString())) {
                        cloudClientFiles.add(rel + "/");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (excludes.excludesEverythingUnder(rel)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    record(file, attrs, foldersChecked);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (file.equals(start) && exc instanceof NoSuchFileException) {
                        missingRoots.add(includeRoot);
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    return FileVisitResult.CONTINUE;
                }
            };
        }

        boolean anySegmentRefused(String relFolder) {
            for (String segment : relFolder.split("/")) {
                if (NeverSynced.isRefusedFolder(segment)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Everything about one file comes from {@code attrs}, the walk's single metadata read. {@code foldersChecked}:
         * every folder on its path was already checked against {@link NeverSynced} by the walk.
         */
        void record(Path file, BasicFileAttributes attrs, boolean foldersChecked) {
            String rel = rel(file);
            if (attrs.isSymbolicLink()) {
                warnings.add("symbolic link not followed (codexsync copies only regular files): " + rel);
                return;
            }
            if (!attrs.isRegularFile()) {
                warnings.add("not a regular file, skipped: " + rel);
                return;
            }
            String name = rel.substring(rel.lastIndexOf('/') + 1); // the file name, without another Path object
            if (StagingNames.isStaging(name)) {
                staging.add(rel); // codexsync's own half-written copy: never synced; a writing run removes stale ones
                return;
            }
            if (foldersChecked ? NeverSynced.isRefusedFileName(name) : NeverSynced.isRefused(rel)) {
                refused.add(rel);
                return;
            }
            switch (cloudClient.classify(name)) {
                case CLIENT_FILE -> {
                    cloudClientFiles.add(rel);
                    return;
                }
                case CONFLICT_COPY -> {
                    cloudClientFiles.add(rel);
                    warnings.add("the cloud client left a conflict copy (not synced; merge it by hand, then delete it): "
                            + rel);
                    return;
                }
                case ICLOUD_PLACEHOLDER -> {
                    cloudClientFiles.add(rel);
                    String target = CloudClientFiles.placeholderTarget(rel);
                    placeholders.add(target);
                    warnings.add("iCloud has not downloaded " + target + " yet (placeholder " + rel
                            + "); a sync would stop until it is downloaded");
                    return;
                }
                default -> {
                    // an ordinary file
                }
            }
            if (excludes.matches(rel)) {
                return;
            }
            long size = attrs.size();
            files.put(rel, new FileState(rel, size, attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
            count++;
            bytes += size;
            progress.update("scan", count, bytes);
        }
    }
}
