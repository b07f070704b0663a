package io.osmigration.simulator.guest;

/**
 * A package as {@code rpm -qa} prints it: {@code name-version-release.arch}. Malformed lines
 * (real listings have some) keep the whole line as the name.
 */
public record Nevra(String name, String version, String release, String arch) {

    public static Nevra parse(String line) {
        int lastDash = line.lastIndexOf('-');
        int prevDash = lastDash <= 0 ? -1 : line.lastIndexOf('-', lastDash - 1);
        int dot = line.lastIndexOf('.');
        if (prevDash <= 0 || dot < lastDash) {
            return new Nevra(line, "", "", "");
        }
        return new Nevra(line.substring(0, prevDash), line.substring(prevDash + 1, lastDash),
                line.substring(lastDash + 1, dot), line.substring(dot + 1));
    }

    /** The newest installed build of {@code name} (by version-release), as {@code uname -r} names a kernel, or null. */
    public static String newest(Iterable<String> packages, String name) {
        Nevra newest = null;
        for (String p : packages) {
            Nevra n = parse(p);
            if (name.equals(n.name()) && !n.version().isEmpty() && (newest == null || compareEvr(n.evr(), newest.evr()) > 0)) {
                newest = n;
            }
        }
        return newest == null ? null : newest.evr() + "." + newest.arch();
    }

    public static String name(String line) {
        return parse(line).name();
    }

    public String evr() {
        return version + "-" + release;
    }

    @Override
    public String toString() {
        return version.isEmpty() ? name : name + "-" + version + "-" + release + "." + arch;
    }

    /** Compares two version-release strings the way rpm's {@code rpmvercmp} orders segments. */
    public static int compareEvr(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !Character.isLetterOrDigit(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && !Character.isLetterOrDigit(b.charAt(j))) {
                j++;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            boolean numeric = Character.isDigit(a.charAt(i));
            int si = i;
            int sj = j;
            while (i < a.length() && (numeric ? Character.isDigit(a.charAt(i)) : Character.isLetter(a.charAt(i)))) {
                i++;
            }
            while (j < b.length() && (numeric ? Character.isDigit(b.charAt(j)) : Character.isLetter(b.charAt(j)))) {
                j++;
            }
            String x = a.substring(si, i);
            String y = b.substring(sj, j);
            if (y.isEmpty()) {
                return numeric ? 1 : -1; // numeric segments are newer than alpha ones
            }
            int c;
            if (numeric) {
                String xs = x.replaceFirst("^0+(?=.)", "");
                String ys = y.replaceFirst("^0+(?=.)", "");
                c = xs.length() != ys.length() ? Integer.compare(xs.length(), ys.length()) : xs.compareTo(ys);
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
