package io.osmigration.precheck.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CXX_TOOLCHAIN: a C/C++ toolchain on the server suggests locally built programs, whose compatibility with the
 * destination's toolchain is not guaranteed (spec: Alibaba Cloud Linux 3 has GCC 10.2, binutils 2.35, glibc 2.32;
 * recompile and verify). Raised only when the destination's glibc differs from the source's.
 *
 * <p>Two signs count: toolchain packages, and ELF executables under /usr/local or /opt that the collector found
 * (installed outside the package manager, so most likely built on this server).
 */
public final class CxxToolchainRule implements Rule {

    static final Set<String> TOOLCHAIN = Set.of("gcc", "gcc-c++", "binutils-devel", "libstdc++-devel", "gcc-gfortran");

    /** Base toolchain per destination: GCC, binutils, glibc. Alibaba Cloud Linux 3 per the spec; the others per
     * their distributions' release notes (EL7 class: GCC 4.8.5 / glibc 2.17; EL8 class: GCC 8.5 / glibc 2.28). */
    static final Map<String, String[]> DESTINATION_TOOLCHAIN = Map.of(
            "alinux3", new String[] {"10.2", "2.35", "2.32"},
            "anolis8", new String[] {"8.5", "2.30", "2.28"},
            "rhel8", new String[] {"8.5", "2.30", "2.28"},
            "alinux2", new String[] {"4.8.5", "2.27", "2.17"},
            "anolis7", new String[] {"4.8.5", "2.27", "2.17"},
            "rhel7", new String[] {"4.8.5", "2.27", "2.17"});

    @Override
    public List<Finding> evaluate(CheckSubject subject) {
        if (!subject.hasFacts()) {
            return List.of();
        }
        List<Packages.Nvra> packages = subject.facts().packages().stream().map(Packages::parse)
                .flatMap(Optional::stream).toList();
        List<String> tools = packages.stream().filter(p -> TOOLCHAIN.contains(p.name()))
                .map(p -> p.name() + "-" + p.version()).distinct().toList();
        List<String> binaries = subject.facts().localBinaries();
        String[] destination = DESTINATION_TOOLCHAIN.get(subject.destinationOs());
        if (tools.isEmpty() && binaries.isEmpty() || destination == null) {
            return List.of();
        }
        Optional<String> sourceGlibc = packages.stream().filter(p -> p.name().equals("glibc"))
                .map(Packages.Nvra::version).findFirst();
        if (sourceGlibc.isPresent() && majorMinor(sourceGlibc.get()).equals(destination[2])) {
            return List.of();
        }
        return List.of(new Finding(FindingCodes.CXX_TOOLCHAIN, Severity.WARNING,
                "Locally built C/C++ programs may not run after the migration",
                evidence(tools, binaries) + " Programs built here were linked against glibc "
                        + sourceGlibc.map(CxxToolchainRule::majorMinor).orElse("(unknown)") + ". "
                        + Destinations.displayName(subject.destinationOs()) + " uses GCC " + destination[0] + ", binutils "
                        + destination[1] + " and glibc " + destination[2] + ".",
                "After the migration, recompile your C/C++ programs with the new toolchain and verify them; list "
                        + "locally built binaries before you start.",
                "find /usr/local /opt -type f -perm -u+x -exec file {} + | grep ELF"));
    }

    private static String evidence(List<String> tools, List<String> binaries) {
        StringBuilder text = new StringBuilder();
        if (!tools.isEmpty()) {
            text.append("A C/C++ toolchain is installed (").append(String.join(", ", tools)).append(").");
        }
        if (!binaries.isEmpty()) {
            List<String> shown = binaries.subList(0, Math.min(binaries.size(), 10));
            text.append(text.length() > 0 ? " " : "").append(binaries.size())
                    .append(" executable(s) were installed outside the package manager: ").append(String.join(", ", shown))
                    .append(binaries.size() > shown.size() ? ", …" : "").append(".");
        }
        return text.toString();
    }

    static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }
}
