package io.osmigration.platform.facts;

import io.osmigration.events.SourceFacts;

/** Maps the plain {@link ServerFacts} to and from the Avro {@link SourceFacts} carried by events. */
public final class FactsMapping {

    private FactsMapping() {
    }

    public static SourceFacts toAvro(ServerFacts facts) {
        return SourceFacts.newBuilder()
                .setOsId(facts.osId())
                .setOsVersionId(facts.osVersionId())
                .setOsPrettyName(facts.osPrettyName())
                .setArch(facts.arch())
                .setKernel(facts.kernel())
                .setHostname(facts.hostname())
                .setMachineId(facts.machineId())
                .setPackages(facts.packages())
                .setModules(facts.modules())
                .setRepos(facts.repos())
                .setRootFreeMiB(facts.rootFreeMiB())
                .setBootFreeMiB(facts.bootFreeMiB())
                .setMemoryMiB(facts.memoryMiB())
                .setCloudAssistantInstalled(facts.cloudAssistantInstalled())
                .setCollectedAt(facts.collectedAt())
                .setLocalBinaries(facts.localBinaries())
                .build();
    }

    public static ServerFacts fromAvro(SourceFacts facts) {
        return new ServerFacts(facts.getOsId(), facts.getOsVersionId(), facts.getOsPrettyName(), facts.getArch(),
                facts.getKernel(), facts.getHostname(), facts.getMachineId(), facts.getPackages(), facts.getModules(),
                facts.getRepos(), facts.getRootFreeMiB(), facts.getBootFreeMiB(), facts.getMemoryMiB(),
                facts.getCloudAssistantInstalled(), facts.getCollectedAt(), facts.getLocalBinaries());
    }
}
