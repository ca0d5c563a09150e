// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.fs.AtomicFiles;
import codexsync.fs.StagingNames;
import codexsync.scan.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * codexsync's own staging files ({@code .<name>.codexsync-<hex>.tmp}) that no journal names: left by an older
 * codexsync killed mid-file, or in the shared cloud mirror by another machine's run. Journal recovery cannot know
 * them and the scanner skips them, so nothing else ever removes them. A writing run calls {@link #remove} while it HOLDS the run lock and after journal recovery:
 * then no other codexsync run of this machine is writing, so every staging file in the local Codex home (only this
 * machine writes there) is a dead leftover, whatever its age. Dry runs and {@code plan} only {@link #describe} them.
 */
final class StaleStaging {
    private static final Logger LOG = LoggerFactory.getLogger(StaleStaging.class);

    /**
     * The cloud mirror is shared and the run lock is per machine: another machine's codexsync may be staging a file
     * there right now (its staging file reaches this mirror through the cloud client), and it looks exactly like
     * ours. A staging file lives only for the seconds its copy takes before it is renamed or removed, so one not
     * touched for an hour is a leftover. "Touched" is the later of its mtime and creation time: a staged copy is
     * given its source's mtime just before its rename, and where the file system reports a creation time (Windows,
     * macOS) a freshly created or downloaded staging file still looks fresh then. Where it does not (Linux), another
     * machine's staging file looks old in the short moment between that mtime and its rename reaching this mirror;
     * removing it then makes that machine's rename fail (its run stops, its destination is unchanged), nothing is lost.
     */
    static final Duration CLOUD_MIN_AGE = Duration.ofHours(1);

    /** What {@link #remove} did: report lines, warnings (files it could not remove) and how many it removed. */
    record Outcome(List<String> lines, List<String> warnings, int removed) {
    }

    private StaleStaging() {
    }

    /**
     * Removes the staging files the scans recorded: every one in {@code local} (may be null); in {@code cloud} (may
     * be null) one named for this machine ({@link StagingNames#ownerOf}) whatever its age (this machine's run lock is
     * held, so none of its writes is in progress), never one named for another machine (that machine removes it
     * under its own lock), and an owner-less one (older versions) only once untouched for {@link #CLOUD_MIN_AGE}.
     * Each file is checked again just before it is removed (still a regular file, still old enough); a file that
     * cannot be removed is a warning, never a failure.
     */
    static Outcome remove(Snapshot local, Snapshot cloud, Instant now, String machineId) {
        List<String> warnings = new ArrayList<>();
        int removed = 0;
        int keptFresh = 0;
        for (Snapshot side : sides(local, cloud)) {
            boolean shared = side == cloud;
            for (String rel : side.staging()) {
                Path file = side.root().resolve(rel);
                try {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (!a.isRegularFile()) {
                        continue;
                    }
                    Optional<String> owner = StagingNames.ownerOf(file.getFileName().toString());
                    if (shared && owner.isPresent() && !owner.get().equals(machineId)) {
                        keptFresh++;
                        LOG.info("kept another machine's staging file in the cloud mirror (its owner removes it): {}",
                                file);
                        continue;
                    }
                    boolean ours = owner.isPresent() && owner.get().equals(machineId);
                    if (shared && !ours && touched(a).isAfter(now.minus(CLOUD_MIN_AGE))) {
                        keptFresh++;
                        LOG.info("kept recent staging file in the cloud mirror (another machine may be writing it): {}",
                                file);
                        continue;
                    }
                    if (AtomicFiles.delete(file)) {
                        removed++;
                        LOG.info("removed leftover staging file {}", file);
                    }
                } catch (NoSuchFileException gone) {
                    // renamed or removed since the scan: nothing left to clean
                } catch (IOException e) {
                    warnings.add("could not remove the leftover staging file " + file + ": " + e.getMessage());
                }
            }
        }
        List<String> lines = new ArrayList<>();
        if (removed > 0) {
            lines.add("Removed " + removed + " leftover staging file(s) of an interrupted codexsync run.");
        }
        if (keptFresh > 0) {
            LOG.info("kept {} staging file(s) in the cloud mirror (another machine's, or younger than {})", keptFresh,
                    CLOUD_MIN_AGE);
        }
        warnings.forEach(LOG::warn);
        return new Outcome(lines, warnings, removed);
    }

    /**
     * Removes every {@code *.tmp} file anywhere under codexsync's own {@code temp_dir} untouched for
     * {@link #CLOUD_MIN_AGE}, whatever wrote it (0.1.1 swept them all at every apply; the workspace, and so its
     * temp folder, is shared by every machine, so a younger one may be another machine's write in progress). A
     * staging file named for this machine ({@link StagingNames#ownerOf}, as in the cloud mirror) goes whatever its
     * age: the caller holds this machine's run lock, so none of its writes is in progress. Only {@code *.tmp}: the
     * journal and the run lock live there too, and never end so.
     */
    static Outcome sweepTempDir(Path tempDir, Instant now, String machineId) {
        List<String> warnings = new ArrayList<>();
        int removed = 0;
        if (tempDir != null && Files.isDirectory(tempDir, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> old = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(tempDir)) {
                walk.filter(f -> f.getFileName().toString().endsWith(".tmp")).forEach(old::add);
            } catch (IOException | UncheckedIOException e) {
                warnings.add("could not look through the temp folder " + tempDir + ": " + e.getMessage());
            }
            for (Path file : old) {
                try {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    // The mtime alone (unlike the mirror's staging files): codexsync keeps no *.tmp in temp_dir
                    // longer than a rename, so an hour-old write there is abandoned whoever made it.
                    Instant modified = a.lastModifiedTime().toInstant();
                    boolean ours = machineId != null && StagingNames.ownerOf(file.getFileName().toString())
                            .filter(machineId::equals).isPresent();
                    boolean stale = ours || !modified.isAfter(now.minus(CLOUD_MIN_AGE));
                    if (a.isRegularFile() && stale && AtomicFiles.delete(file)) {
                        removed++;
                        LOG.info("removed leftover temporary file {}", file);
                    }
                } catch (NoSuchFileException gone) {
                    // removed since the walk
                } catch (IOException e) {
                    warnings.add("could not remove the leftover temporary file " + file + ": " + e.getMessage());
                }
            }
        }
        warnings.forEach(LOG::warn);
        List<String> lines = removed == 0 ? List.of()
                : List.of("Removed " + removed + " leftover temporary file(s) older than an hour from " + tempDir + ".");
        return new Outcome(lines, warnings, removed);
    }

    /** For dry runs: one warning naming the staging files the scans saw (nothing is removed). */
    static List<String> describe(Snapshot local, Snapshot cloud) {
        int count = 0;
        for (Snapshot side : sides(local, cloud)) {
            count += side.staging().size();
        }
        if (count == 0) {
            return List.of();
        }
        return List.of(count + " codexsync staging file(s) found (left by an interrupted run, or in the cloud mirror "
                + "possibly another machine's write in progress); the next sync --apply or restore --apply removes "
                + "the stale ones (in the cloud mirror only those untouched for " + CLOUD_MIN_AGE.toHours() + " h)");
    }

    private static List<Snapshot> sides(Snapshot local, Snapshot cloud) {
        return Stream.of(local, cloud).filter(Objects::nonNull).toList();
    }

    private static Instant touched(BasicFileAttributes a) {
        Instant modified = a.lastModifiedTime().toInstant();
        Instant created = a.creationTime() == null ? modified : a.creationTime().toInstant();
        return created.isAfter(modified) ? created : modified;
    }
}
