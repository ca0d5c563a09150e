// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import codexsync.core.InvalidInputException;
import codexsync.fs.AtomicFiles;
import codexsync.fs.StagedWrite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot that has been opened and fully checked: every entry was read once (zip: central directory, CRC and
 * size of every entry), every name is a safe relative path, and the manifest (when present) matches the content.
 * Only then can entries be written out, each streamed into a staging file beside its destination and renamed into
 * place, so a damaged or crafted snapshot is refused before anything is written.
 */
public abstract class OpenSnapshot implements AutoCloseable {
    private final SnapshotInfo info;
    private List<SnapshotEntry> entries;
    private boolean hasManifest;

    protected OpenSnapshot(SnapshotInfo info) {
        this.info = info;
    }

    /** Opens and validates {@code info}'s snapshot (folder or zip); a damaged or unsafe one is exit 4. */
    public static OpenSnapshot open(SnapshotInfo info) {
        OpenSnapshot s = info.format() == SnapshotFormat.ZIP ? new ZipSnapshot(info) : new FolderSnapshot(info);
        try {
            s.load();
            return s;
        } catch (RuntimeException e) {
            s.closeQuietly();
            throw e;
        }
    }

    public SnapshotInfo info() {
        return info;
    }

    /** Files this snapshot can restore (the manifest itself excluded), in snapshot order. */
    public List<SnapshotEntry> entries() {
        return entries;
    }

    /** True when the snapshot has a codexsync manifest, i.e. each entry's side is known. */
    public boolean hasManifest() {
        return hasManifest;
    }

    /**
     * Stages {@code entry} beside {@code destination} for an atomic replace: streamed into a staging file in the
     * destination's folder, flushed, checked against the size and hash seen while validating and given the backed-up
     * mtime. The destination is untouched; the caller commits or discards the staged file.
     */
    public AtomicFiles.Staged stageTo(SnapshotEntry entry, Path destination) throws IOException {
        try (StagedWrite w = StagedWrite.open(destination); InputStream in = openEntry(entry.entry())) {
            w.copyFrom(in);
            AtomicFiles.CopyResult r = w.finish();
            if (r.size() != entry.size() || !r.sha256().equalsIgnoreCase(entry.sha256())) {
                throw new IOException("snapshot entry " + entry.entry() + " no longer matches what was validated"
                        + " (size or hash); the snapshot changed or is damaged");
            }
            w.setMtime(fileTime(entry.mtimeNs()));
            return new AtomicFiles.Staged(w.detach(), destination, r);
        }
    }

    /** A raw file read from the snapshot while validating: its name, size, hash, and mtime. */
    protected record Raw(String name, long size, String sha256, long mtimeNs) {
    }

    /** Reads every file of the snapshot once (validating it) and returns them, manifest included, in order. */
    protected abstract List<Raw> readAll() throws IOException;

    /** The text of the manifest entry (already validated by {@link #readAll}). */
    protected abstract String readManifest() throws IOException;

    protected abstract InputStream openEntry(String name) throws IOException;

    protected InvalidInputException damaged(String why) {
        return new InvalidInputException("Backup snapshot " + info.name() + " is damaged or not a codexsync snapshot: "
                + why, info.path().toString(), "nothing was written; restore another snapshot (`codexsync restore "
                + "--list`), or inspect this one by hand");
    }

    protected InvalidInputException unsafe(String name, String problem) {
        return new InvalidInputException("Backup snapshot " + info.name() + " holds an entry that would land outside "
                + "the target: '" + name + "' (" + problem + ")", info.path().toString(),
                "nothing was written; this snapshot was crafted or damaged, so restore another one "
                        + "(`codexsync restore --list`)");
    }

    protected void checkName(String name) {
        Optional<String> problem = EntryNames.problem(name);
        if (problem.isPresent()) {
            throw unsafe(name, problem.get());
        }
    }

    private void load() {
        List<Raw> raws;
        String manifestText = null;
        try {
            raws = readAll();
            for (Raw r : raws) {
                if (r.name().equals(SnapshotManifest.FILE_NAME)) {
                    manifestText = readManifest();
                }
            }
        } catch (IOException e) {
            throw damaged(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        Map<String, Raw> byName = new LinkedHashMap<>();
        for (Raw r : raws) {
            if (byName.putIfAbsent(r.name(), r) != null) {
                throw damaged("the entry '" + r.name() + "' appears twice");
            }
        }
        hasManifest = manifestText != null;
        entries = hasManifest ? fromManifest(manifestText, byName) : fromFiles(raws);
    }

    private List<SnapshotEntry> fromFiles(List<Raw> raws) {
        List<SnapshotEntry> out = new ArrayList<>();
        for (Raw r : raws) {
            if (!r.name().equals(SnapshotManifest.FILE_NAME)) {
                out.add(new SnapshotEntry(r.name(), r.name(), null, r.size(), r.mtimeNs(), r.sha256()));
            }
        }
        return List.copyOf(out);
    }

    private List<SnapshotEntry> fromManifest(String text, Map<String, Raw> byName) {
        List<SnapshotManifest.Record> records;
        try {
            records = SnapshotManifest.parse(text);
        } catch (IllegalArgumentException e) {
            throw damaged("its manifest " + SnapshotManifest.FILE_NAME + " is unreadable: " + e.getMessage());
        }
        List<SnapshotEntry> out = new ArrayList<>();
        for (SnapshotManifest.Record rec : records) {
            checkName(rec.path());
            checkName(rec.entry());
            Raw raw = byName.get(rec.entry());
            if (raw == null) {
                throw damaged("its manifest lists '" + rec.entry() + "', which is not in the snapshot");
            }
            if (rec.sha256() != null && !rec.sha256().equalsIgnoreCase(raw.sha256())) {
                throw damaged("'" + rec.entry() + "' does not match the hash its manifest recorded");
            }
            long mtime = rec.mtimeNs() >= 0 ? rec.mtimeNs() : raw.mtimeNs();
            out.add(new SnapshotEntry(rec.path(), rec.entry(), rec.side(), raw.size(), mtime, raw.sha256()));
        }
        return List.copyOf(out);
    }

    static FileTime fileTime(long mtimeNs) {
        return FileTime.from(Instant.ofEpochSecond(Math.floorDiv(mtimeNs, 1_000_000_000L),
                Math.floorMod(mtimeNs, 1_000_000_000L)));
    }

    static long nanos(FileTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // Already failing: the original error is the one to report.
        }
    }

    @Override
    public abstract void close() throws IOException;
}
