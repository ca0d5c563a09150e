// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import codexsync.fs.FileHasher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A snapshot stored as one zip, read with Commons Compress's {@link ZipFile} (central directory, random access).
 * Opening reads every entry once to the end, checking its CRC-32 and size against the central directory, so a
 * truncated or bit-flipped zip is refused before a single byte is restored. Entries are streamed, never held in
 * memory (only the small manifest is).
 */
final class ZipSnapshot extends OpenSnapshot {
    private static final int BUFFER = 64 * 1024;
    private static final long MAX_MANIFEST = 64L * 1024 * 1024;
    private ZipFile zip;

    ZipSnapshot(SnapshotInfo info) {
        super(info);
    }

    @Override
    protected List<Raw> readAll() throws IOException {
        try {
            zip = ZipFile.builder().setPath(info().path()).get();
        } catch (IOException e) {
            throw new IOException("not a readable zip (" + e.getMessage() + "); it may be truncated", e);
        }
        List<Raw> out = new ArrayList<>();
        for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
            String name = e.getName();
            if (e.isDirectory()) {
                checkName(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
                continue;
            }
            checkName(name);
            if (e.isUnixSymlink()) {
                throw unsafe(name, "is a symbolic link, which could point anywhere");
            }
            if (!zip.canReadEntryData(e)) {
                throw new IOException("entry " + name + " uses a compression method or encryption codexsync cannot read");
            }
            out.add(check(e));
        }
        return out;
    }

    private Raw check(ZipArchiveEntry e) throws IOException {
        CRC32 crc = new CRC32();
        MessageDigest sha = FileHasher.newDigest();
        long n = 0;
        try (InputStream in = zip.getInputStream(e)) {
            byte[] buf = new byte[BUFFER];
            int r;
            while ((r = in.read(buf)) > 0) {
                crc.update(buf, 0, r);
                sha.update(buf, 0, r);
                n += r;
            }
        } catch (IOException | RuntimeException ex) {
            throw new IOException("entry " + e.getName() + " cannot be read (" + ex.getMessage() + ")", ex);
        }
        if (e.getSize() >= 0 && n != e.getSize()) {
            throw new IOException("entry " + e.getName() + " has " + n + " bytes, the zip says " + e.getSize());
        }
        if (e.getCrc() < 0 || crc.getValue() != e.getCrc()) {
            throw new IOException("entry " + e.getName() + " fails its CRC check");
        }
        long mtime = e.getLastModifiedTime() == null ? 0 : nanos(e.getLastModifiedTime());
        return new Raw(e.getName(), n, HexFormat.of().formatHex(sha.digest()), mtime);
    }

    @Override
    protected String readManifest() throws IOException {
        ZipArchiveEntry e = zip.getEntry(SnapshotManifest.FILE_NAME);
        if (e.getSize() > MAX_MANIFEST) {
            throw new IOException("its manifest is implausibly large (" + e.getSize() + " bytes)");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (InputStream in = zip.getInputStream(e)) {
            in.transferTo(buf);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Override
    protected InputStream openEntry(String name) throws IOException {
        ZipArchiveEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IOException("zip entry " + name + " vanished");
        }
        return zip.getInputStream(e);
    }

    @Override
    public void close() throws IOException {
        if (zip != null) {
            zip.close();
        }
    }
}
