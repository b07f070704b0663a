package io.osmigration.precheck.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * I386_PACKAGES: Alibaba Cloud Linux ships no i386/i686 packages, and the migration tool stops on them (spec,
 * "Migration limitations"). The 32-bit twin of a 64-bit package (glibc.i686 beside glibc.x86_64) is usually a
 * multilib leftover and safe to remove; a 32-bit package without a 64-bit twin means 32-bit software depends on it.
 */
public final class I386PackagesRule implements Rule {

    private static final Set<String> THIRTY_TWO_BIT = Set.of("i386", "i486", "i586", "i686");

    @Override
    public List<Finding> evaluate(CheckSubject subject) {
        if (!subject.hasFacts()) {
            return List.of();
        }
        List<Packages.Nvra> all = subject.facts().packages().stream().map(Packages::parse)
                .flatMap(java.util.Optional::stream).toList();
        Set<String> sixtyFourBitNames = all.stream().filter(p -> !THIRTY_TWO_BIT.contains(p.arch()))
                .map(Packages.Nvra::name).collect(Collectors.toSet());
        List<Packages.Nvra> offending = all.stream().filter(p -> THIRTY_TWO_BIT.contains(p.arch())).toList();
        if (offending.isEmpty()) {
            return List.of();
        }
        List<String> multilib = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        for (Packages.Nvra p : offending) {
            (sixtyFourBitNames.contains(p.name()) ? multilib : alone).add(p.nameArch());
        }
        StringBuilder detail = new StringBuilder("32-bit packages installed (" + offending.size() + "): ")
                .append(offending.stream().map(Packages.Nvra::nameArch).collect(Collectors.joining(", "))).append('.');
        if (!multilib.isEmpty()) {
            detail.append(" The 64-bit build of ").append(String.join(", ", multilib))
                    .append(" is installed too and stays.");
        }
        if (!alone.isEmpty()) {
            detail.append(" No 64-bit build is installed for ").append(String.join(", ", alone))
                    .append(": 32-bit software on this server depends on it.");
        }
        String hint = "Remove the 32-bit packages before migrating; the destination provides no i386/i686 packages."
                + (alone.isEmpty() ? "" : " Replace the 32-bit software that needs " + String.join(", ", alone)
                + " with a 64-bit build first.");
        String command = "yum remove -y " + offending.stream().map(Packages.Nvra::nameArch).collect(Collectors.joining(" "));
        return List.of(new Finding(FindingCodes.I386_PACKAGES, Severity.CRITICAL,
                "32-bit (i386/i686) packages are installed", detail.toString(), hint, command));
    }
}
