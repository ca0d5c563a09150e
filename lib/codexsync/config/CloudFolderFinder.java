// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import codexsync.core.HostEnvironment;
import codexsync.core.HostEnvironment.OperatingSystem;
import codexsync.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Finds the folders the installed cloud clients sync, from what each client records (point 5 of issue 13): Dropbox's
 * {@code info.json}, OneDrive's environment variables and default folders, iCloud Drive's folder, Syncthing's
 * {@code config.xml} folders and Google Drive's default folders. Only folders that exist are returned, in a fixed
 * order of preference, each with where it was found; the caller lists them and proposes the first, never choosing
 * silently. Reads only.
 */
public final class CloudFolderFinder {
    /** One folder a cloud client syncs: which client, the folder, and the record or default it came from. */
    public record CloudFolder(String client, Path folder, String source) {
    }

    private final HostEnvironment host;

    public CloudFolderFinder(HostEnvironment host) {
        this.host = host;
    }

    /** Every existing folder found, without duplicates, Dropbox, OneDrive, Google Drive, iCloud Drive, Syncthing. */
    public List<CloudFolder> find() {
        Map<Path, CloudFolder> found = new LinkedHashMap<>();
        List<CloudFolder> all = new ArrayList<>();
        all.addAll(dropbox());
        all.addAll(oneDrive());
        all.addAll(googleDrive());
        all.addAll(iCloud());
        all.addAll(syncthing());
        for (CloudFolder f : all) {
            if (Files.isDirectory(f.folder())) {
                found.putIfAbsent(f.folder().toAbsolutePath().normalize(), f);
            }
        }
        return List.copyOf(found.values());
    }

    private Path home() {
        return host.userHome();
    }

    private List<CloudFolder> dropbox() {
        List<Path> infos = new ArrayList<>();
        infos.add(home().resolve(".dropbox/info.json"));
        for (String var : List.of("APPDATA", "LOCALAPPDATA")) {
            Path base = envPath(var);
            if (base != null) {
                infos.add(base.resolve("Dropbox/info.json"));
            }
        }
        List<CloudFolder> out = new ArrayList<>();
        for (Path info : infos) {
            if (!Files.isRegularFile(info)) {
                continue;
            }
            try {
                Map<String, Object> doc = Json.parseObject(Files.readString(info, StandardCharsets.UTF_8));
                for (String account : List.of("personal", "business")) {
                    if (doc.get(account) instanceof Map<?, ?> m && m.get("path") instanceof String p) {
                        Path folder = path(p);
                        if (folder != null) {
                            out.add(new CloudFolder("Dropbox", folder, info + " (" + account + ")"));
                        }
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                // an unreadable info.json records nothing usable; the default folder below may still exist
            }
        }
        out.add(new CloudFolder("Dropbox", home().resolve("Dropbox"), "default folder"));
        return out;
    }

    private List<CloudFolder> oneDrive() {
        List<CloudFolder> out = new ArrayList<>();
        for (String var : List.of("OneDrive", "OneDriveConsumer", "OneDriveCommercial")) {
            Path p = envPath(var);
            if (p != null) {
                out.add(new CloudFolder("OneDrive", p, "environment variable " + var));
            }
        }
        out.addAll(cloudStorage("OneDrive", "OneDrive-", ""));
        out.add(new CloudFolder("OneDrive", home().resolve("OneDrive"), "default folder"));
        return out;
    }

    private List<CloudFolder> googleDrive() {
        List<CloudFolder> out = new ArrayList<>(cloudStorage("Google Drive", "GoogleDrive-", "My Drive"));
        if (host.os() == OperatingSystem.WINDOWS) {
            out.add(new CloudFolder("Google Drive", Path.of("G:\\My Drive"), "default drive G:"));
        }
        out.add(new CloudFolder("Google Drive", home().resolve("Google Drive/My Drive"), "default folder"));
        out.add(new CloudFolder("Google Drive", home().resolve("My Drive"), "default folder"));
        out.add(new CloudFolder("Google Drive", home().resolve("Google Drive"), "default folder (Backup and Sync)"));
        return out;
    }

    private List<CloudFolder> iCloud() {
        List<CloudFolder> out = new ArrayList<>();
        if (host.os() == OperatingSystem.MACOS) {
            out.add(new CloudFolder("iCloud Drive", home().resolve("Library/Mobile Documents/com~apple~CloudDocs"),
                    "iCloud Drive's folder on macOS"));
        }
        if (host.os() == OperatingSystem.WINDOWS) {
            out.add(new CloudFolder("iCloud Drive", home().resolve("iCloudDrive"), "iCloud for Windows default"));
        }
        return out;
    }

    /** macOS File Provider folders: {@code ~/Library/CloudStorage/<prefix><account>[/<sub>]}. */
    private List<CloudFolder> cloudStorage(String client, String prefix, String sub) {
        Path dir = home().resolve("Library/CloudStorage");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted()
                    .map(p -> new CloudFolder(client, sub.isEmpty() ? p : p.resolve(sub), "~/Library/CloudStorage"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private List<CloudFolder> syncthing() {
        List<Path> configs = new ArrayList<>();
        Path xdgState = envPath("XDG_STATE_HOME");
        Path xdgConfig = envPath("XDG_CONFIG_HOME");
        configs.add((xdgState != null ? xdgState : home().resolve(".local/state")).resolve("syncthing/config.xml"));
        configs.add((xdgConfig != null ? xdgConfig : home().resolve(".config")).resolve("syncthing/config.xml"));
        configs.add(home().resolve("Library/Application Support/Syncthing/config.xml"));
        Path local = envPath("LOCALAPPDATA");
        if (local != null) {
            configs.add(local.resolve("Syncthing/config.xml"));
        }
        List<CloudFolder> out = new ArrayList<>();
        for (Path config : configs) {
            if (Files.isRegularFile(config)) {
                for (String p : syncthingFolders(config)) {
                    Path folder = path(p);
                    if (folder != null) {
                        out.add(new CloudFolder("Syncthing", folder, config.toString()));
                    }
                }
            }
        }
        return out;
    }

    /** The {@code path} of every {@code <folder>} in a Syncthing {@code config.xml}; none when it cannot be read. */
    static List<String> syncthingFolders(Path config) {
        try (InputStream in = Files.newInputStream(config)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // A config file is data: no DTDs, no external entities.
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            javax.xml.parsers.DocumentBuilder builder = f.newDocumentBuilder();
            // A broken file means "no folders" (the parse throws), not a "[Fatal Error]" line on stderr.
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            NodeList folders = builder.parse(in).getDocumentElement().getElementsByTagName("folder");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < folders.getLength(); i++) {
                String p = ((Element) folders.item(i)).getAttribute("path");
                if (!p.isBlank()) {
                    out.add(p);
                }
            }
            return out;
        } catch (IOException | ParserConfigurationException | SAXException e) {
            return List.of();
        }
    }

    private Path envPath(String var) {
        String v = host.getenv(var);
        return v == null ? null : path(v);
    }

    /** A recorded path, {@code ~} expanded; null when it is not a valid path here. */
    private Path path(String raw) {
        try {
            if (raw.equals("~") || raw.startsWith("~/") || raw.startsWith("~\\")) {
                return home().resolve(raw.substring(Math.min(2, raw.length())));
            }
            Path p = Path.of(raw);
            return p.isAbsolute() ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
