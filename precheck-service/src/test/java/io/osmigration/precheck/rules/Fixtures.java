package io.osmigration.precheck.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.osmigration.platform.facts.ServerFacts;

/** Fixture profiles: plain facts of typical servers, changed one field at a time by the tests. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private Fixtures() {
    }

    static ServerFacts centos7() {
        return new ServerFacts("centos", "7", "CentOS Linux 7 (Core)", "x86_64", "3.10.0-1160.el7.x86_64", "web-01",
                "0123456789abcdef", List.of("bash-4.2.46-35.el7_9.x86_64", "glibc-2.17-326.el7_9.x86_64",
                "kernel-3.10.0-1160.el7.x86_64"),
                List.of("virtio_net 28024 0 - Live 0xffffffffc02e2000", "ext4 579979 1 - Live 0xffffffffc0381000"),
                List.of("base", "updates", "extras"), 20480L, 400L, 4096L, true, NOW);
    }

    static ServerFacts os(String id, String version, String arch) {
        ServerFacts f = centos7();
        return new ServerFacts(id, version, "", arch, f.kernel(), f.hostname(), f.machineId(), f.packages(),
                f.modules(), f.repos(), f.rootFreeMiB(), f.bootFreeMiB(), f.memoryMiB(), true, NOW);
    }

    static ServerFacts withPackages(String... extra) {
        ServerFacts f = centos7();
        List<String> packages = new ArrayList<>(f.packages());
        packages.addAll(List.of(extra));
        return new ServerFacts(f.osId(), f.osVersionId(), f.osPrettyName(), f.arch(), f.kernel(), f.hostname(),
                f.machineId(), packages, f.modules(), f.repos(), f.rootFreeMiB(), f.bootFreeMiB(), f.memoryMiB(),
                true, NOW);
    }

    static ServerFacts withModules(String... lines) {
        ServerFacts f = centos7();
        return new ServerFacts(f.osId(), f.osVersionId(), f.osPrettyName(), f.arch(), f.kernel(), f.hostname(),
                f.machineId(), f.packages(), List.of(lines), f.repos(), f.rootFreeMiB(), f.bootFreeMiB(),
                f.memoryMiB(), true, NOW);
    }

    static ServerFacts withRepos(String... repos) {
        ServerFacts f = centos7();
        return new ServerFacts(f.osId(), f.osVersionId(), f.osPrettyName(), f.arch(), f.kernel(), f.hostname(),
                f.machineId(), f.packages(), f.modules(), List.of(repos), f.rootFreeMiB(), f.bootFreeMiB(),
                f.memoryMiB(), true, NOW);
    }

    static ServerFacts withResources(Long rootFree, Long bootFree, Long memory) {
        ServerFacts f = centos7();
        return new ServerFacts(f.osId(), f.osVersionId(), f.osPrettyName(), f.arch(), f.kernel(), f.hostname(),
                f.machineId(), f.packages(), f.modules(), f.repos(), rootFree, bootFree, memory, true, NOW);
    }

    static CheckSubject subject(ServerFacts facts, String destination) {
        return new CheckSubject("s-1", "i-1", destination, facts, true, CheckSubject.CloudAssistantState.ONLINE,
                CheckSubject.SnapshotState.NONE, NOW);
    }
}
