// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code session_mode = last_date_only} (0.1.1, D17): dates come from {@code sessions/YYYY-MM-DD/...} or
 * {@code sessions/YYYY/MM/DD/...} (valid calendar dates only) across both sides; only the latest date's session
 * files take part in the run. Everything outside {@code sessions/} always takes part.
 */
final class SessionScope {
    private static final Pattern DASHED = Pattern.compile("^sessions/(\\d{4})-(\\d{2})-(\\d{2})/.+");
    private static final Pattern NESTED = Pattern.compile("^sessions/(\\d{4})/(\\d{2})/(\\d{2})/.+");

    private SessionScope() {
    }

    static boolean isSession(String path) {
        return path.startsWith("sessions/");
    }

    /** The date of a dated session file, or null (undated, or not a real calendar date). */
    static LocalDate dateOf(String path) {
        for (Pattern p : new Pattern[] {DASHED, NESTED}) {
            Matcher m = p.matcher(path);
            if (m.matches()) {
                try {
                    return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)));
                } catch (DateTimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The latest date among {@code paths}, or null when no dated session folder exists. */
    static LocalDate latest(Collection<String> paths) {
        LocalDate best = null;
        for (String p : paths) {
            LocalDate d = dateOf(p);
            if (d != null && (best == null || d.isAfter(best))) {
                best = d;
            }
        }
        return best;
    }
}
