// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

/**
 * Progress of long work (scans, copies). The CLI supplies a terminal implementation that redraws one line on
 * stderr; everything else gets {@link #NONE}, so nothing reaches stdout or a non-terminal.
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void update(String phase, long items, long bytes) {
        }

        @Override
        public void done(String phase) {
        }
    };

    /** Called often; implementations throttle. {@code items}/{@code bytes} are running totals for the phase. */
    void update(String phase, long items, long bytes);

    /** The phase ended; a terminal implementation clears its line. */
    void done(String phase);

    /** A byte count as people read it, in progress lines and listings: {@code 512 B}, {@code 1.2 GiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
