package io.osmigration.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated fleet as described by the fleet file (see contract "ECS simulator fleet file").
 * Every field but {@code instanceId} has a default, filled in by the compact constructors so that
 * the rest of the simulator never has to deal with nulls.
 */
public record Fleet(String accessKeyId, String accessKeySecret, List<Instance> instances) {

    public static final String DEMO_ACCESS_KEY_ID = "LTAIosmDemoKey0001";
    public static final String DEMO_ACCESS_KEY_SECRET = "osm-demo-secret-not-for-production";

    public Fleet {
        accessKeyId = accessKeyId == null ? DEMO_ACCESS_KEY_ID : accessKeyId;
        accessKeySecret = accessKeySecret == null ? DEMO_ACCESS_KEY_SECRET : accessKeySecret;
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    /** One ECS instance and what its operating system looks like from the inside. */
    public record Instance(String instanceId, String regionId, String instanceName, String status, String arch,
                           Boolean cloudAssistant, Integer memoryMiB, Map<String, String> osRelease, String kernel,
                           List<Disk> disks, List<String> packages, List<String> modules, List<String> repos,
                           Faults faults, Metadata metadata) {

        public Instance {
            regionId = regionId == null ? "cn-hangzhou" : regionId;
            instanceName = instanceName == null ? instanceId : instanceName;
            status = status == null ? "Running" : status;
            arch = arch == null ? "x86_64" : arch;
            cloudAssistant = cloudAssistant == null ? Boolean.TRUE : cloudAssistant;
            memoryMiB = memoryMiB == null ? 4096 : memoryMiB;
            osRelease = OsProfiles.completeOsRelease(osRelease);
            kernel = kernel == null ? OsProfiles.defaultKernel(osRelease, arch) : kernel;
            disks = defaultDisks(instanceId, disks);
            packages = packages == null ? OsProfiles.defaultPackages(osRelease, arch) : List.copyOf(packages);
            modules = modules == null ? OsProfiles.defaultModules() : List.copyOf(modules);
            repos = repos == null ? OsProfiles.defaultRepos(osRelease, arch) : List.copyOf(repos);
            faults = faults == null ? new Faults(null, null, null) : faults;
            metadata = metadata == null ? new Metadata(null, null) : metadata;
        }

        /** The single system disk (the parser guarantees there is exactly one). */
        public Disk systemDisk() {
            return disks.stream().filter(Disk::isSystem).findFirst().orElseThrow();
        }

        // Disk ids default to the instance id's suffix so a fleet file can omit disks entirely.
        private static List<Disk> defaultDisks(String instanceId, List<Disk> disks) {
            String base = instanceId != null && instanceId.startsWith("i-") ? instanceId.substring(2) : String.valueOf(instanceId);
            if (disks == null || disks.isEmpty()) {
                return List.of(new Disk("d-" + base, "system", null, null, null));
            }
            List<Disk> result = new ArrayList<>();
            for (int i = 0; i < disks.size(); i++) {
                Disk d = disks.get(i);
                if (d == null) {
                    d = new Disk(null, null, null, null, null);
                }
                String id = d.diskId() != null ? d.diskId() : "d-" + base + (i == 0 ? "" : "-" + i);
                String type = d.type() != null ? d.type() : (i == 0 ? "system" : "data");
                result.add(new Disk(id, type, d.sizeGiB(), d.freeMiB(), d.bootFreeMiB()));
            }
            return Collections.unmodifiableList(result);
        }
    }

    /** A cloud disk; sizes feed the {@code df} stub. */
    public record Disk(String diskId, String type, Integer sizeGiB, Integer freeMiB, Integer bootFreeMiB) {
        public Disk {
            // As parsed, a disk may lack its type: Instance decides it from the position and
            // builds the final Disk, and only then are the sizes defaulted.
            if (type != null) {
                sizeGiB = sizeGiB == null ? ("system".equals(type) ? 40 : 100) : sizeGiB;
                freeMiB = freeMiB == null ? sizeGiB * 1024 / 2 : freeMiB;
                bootFreeMiB = bootFreeMiB == null ? 800 : bootFreeMiB;
            }
        }

        public boolean isSystem() {
            return "system".equals(type);
        }
    }

    /**
     * The instance's metadata service (see {@link MetadataService}).
     *
     * @param httpTokens {@code optional} (plain GETs answered) or {@code required} (hardened mode: only with a token
     *                   from {@code PUT /latest/api/token}), as ECS's ModifyInstanceMetadataOptions sets it
     * @param ramRole    name of the RAM role attached to the instance, served as temporary credentials under
     *                   {@code /latest/meta-data/ram/security-credentials/<role>}; null: none
     */
    public record Metadata(String httpTokens, String ramRole) {
        public Metadata {
            httpTokens = httpTokens == null ? "optional" : httpTokens;
            ramRole = ramRole == null || ramRole.isBlank() ? null : ramRole;
        }

        public boolean tokensRequired() {
            return "required".equals(httpTokens);
        }
    }

    /** Injected faults for resilience tests. */
    public record Faults(String failStep, Boolean drillCritical, Boolean snapshotFails) {
        public Faults {
            failStep = failStep == null || failStep.isBlank() ? null : failStep;
            drillCritical = drillCritical == null ? Boolean.FALSE : drillCritical;
            snapshotFails = snapshotFails == null ? Boolean.FALSE : snapshotFails;
        }
    }

    /** Convenience for code that builds an os-release map in a fixed order. */
    static Map<String, String> orderedMap(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
