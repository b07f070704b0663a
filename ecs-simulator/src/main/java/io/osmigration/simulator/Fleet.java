package io.osmigration.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * One ECS instance and what its operating system looks like from the inside. {@code packages}
     * is the resolved {@code rpm -qa} (from {@code packagesFile}, grown to {@code packageCount}, plus
     * the listed ones); {@code modules} the resolved {@code /proc/modules}.
     */
    public record Instance(String instanceId, String regionId, String instanceName, String status, String arch,
                           Boolean cloudAssistant, Integer memoryMiB, Map<String, String> osRelease, String kernel,
                           List<Disk> disks, List<String> packages, String packagesFile, Integer packageCount,
                           List<String> modules, String modulesFile, List<String> repos, String repoBaseUrl,
                           Sshd sshd, Boolean pamPkcs11, Boolean internet, Leapp leapp, Conversion conversion,
                           Faults faults, Metadata metadata) {

        public Instance {
            regionId = regionId == null ? "cn-hangzhou" : regionId;
            instanceName = instanceName == null ? instanceId : instanceName;
            status = status == null ? "Running" : status;
            arch = arch == null ? "x86_64" : arch;
            cloudAssistant = cloudAssistant == null ? Boolean.TRUE : cloudAssistant;
            memoryMiB = memoryMiB == null ? 4096 : memoryMiB;
            osRelease = OsProfiles.completeOsRelease(osRelease);
            packages = HostFiles.packages(osRelease, arch, packages, packagesFile, packageCount, instanceId);
            kernel = kernel == null ? OsProfiles.newestKernel(packages, osRelease, arch) : kernel;
            packages = HostFiles.withRunningKernelAndAgent(packages, kernel, arch, cloudAssistant, osRelease);
            disks = defaultDisks(instanceId, disks);
            modules = HostFiles.modules(modules, modulesFile);
            repos = repos == null ? OsProfiles.defaultRepos(osRelease, arch) : List.copyOf(repos);
            sshd = sshd == null ? new Sshd(null, null) : sshd;
            // authconfig on EL7 writes pam_pkcs11 into /etc/pam.d/smartcard-auth, which is why Leapp
            // asks the remove_pam_pkcs11_module_check question on nearly every CentOS 7 host.
            pamPkcs11 = pamPkcs11 == null ? "7".equals(OsProfiles.major(osRelease)) && OsProfiles.isRpmFamily(osRelease) : pamPkcs11;
            internet = internet == null ? Boolean.TRUE : internet;
            leapp = leapp == null ? new Leapp(null, null, null) : leapp;
            conversion = conversion == null ? new Conversion(null, null) : conversion;
            faults = faults == null ? new Faults(null, null, null, null, null) : faults;
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
                return List.of(new Disk("d-" + base, "system", null, null, null, null));
            }
            List<Disk> result = new ArrayList<>();
            for (int i = 0; i < disks.size(); i++) {
                Disk d = disks.get(i);
                if (d == null) {
                    d = new Disk(null, null, null, null, null, null);
                }
                String id = d.diskId() != null ? d.diskId() : "d-" + base + (i == 0 ? "" : "-" + i);
                String type = d.type() != null ? d.type() : (i == 0 ? "system" : "data");
                result.add(new Disk(id, type, d.sizeGiB(), d.freeMiB(), d.bootFreeMiB(), d.category()));
            }
            return Collections.unmodifiableList(result);
        }
    }

    /**
     * {@code /etc/ssh/sshd_config}: {@code permitRootLogin} is the value of an explicit
     * {@code PermitRootLogin} line ({@code yes}, {@code no}, {@code prohibit-password}, ...) or
     * {@code unset} for none; {@code modified} says whether the file differs from the one the
     * openssh-server package shipped (Leapp's 7 to 8 check only looks at modified files).
     */
    public record Sshd(String permitRootLogin, Boolean modified) {
        public Sshd {
            permitRootLogin = permitRootLogin == null || permitRootLogin.isBlank() ? "yes" : permitRootLogin;
            modified = modified == null ? Boolean.TRUE : modified;
        }
    }

    /** How long Leapp's phases take on this host, in real time (ISO-8601; scaled by the time-scale setting). */
    public record Leapp(String preupgradeDuration, String upgradeDuration, String offlineDuration) {
        public Leapp {
            // AlmaLinux leapp-repository README: the offline upgrade takes "up to 40-50 minutes".
            preupgradeDuration = preupgradeDuration == null ? "PT5M" : preupgradeDuration;
            upgradeDuration = upgradeDuration == null ? "PT15M" : upgradeDuration;
            offlineDuration = offlineDuration == null ? "PT40M" : offlineDuration;
            for (String d : new String[] {preupgradeDuration, upgradeDuration, offlineDuration}) {
                Durations.parse(d);
            }
        }
    }

    /** How long a conversion tool (convert2rhel, centos2anolis.py) takes to analyse and to convert, in real time. */
    public record Conversion(String analyzeDuration, String convertDuration) {
        public Conversion {
            analyzeDuration = analyzeDuration == null ? "PT3M" : analyzeDuration;
            convertDuration = convertDuration == null ? "PT30M" : convertDuration;
            Durations.parse(analyzeDuration);
            Durations.parse(convertDuration);
        }
    }

    /**
     * A cloud disk; sizes feed the {@code df} stub. {@code category} is the ECS disk category DescribeDisks reports
     * ({@code cloud_essd} unless given): snapshot-consistent groups take only the ESSD family.
     */
    public record Disk(String diskId, String type, Integer sizeGiB, Integer freeMiB, Integer bootFreeMiB,
                       String category) {
        public Disk {
            category = category == null ? "cloud_essd" : category;
            // As parsed, a disk may lack its type: Instance decides it from the position and
            // builds the final Disk, and only then are the sizes defaulted.
            if (type != null) {
                sizeGiB = sizeGiB == null ? ("system".equals(type) ? 40 : 100) : sizeGiB;
                freeMiB = freeMiB == null ? sizeGiB * 1024 / 2 : freeMiB;
                bootFreeMiB = bootFreeMiB == null ? 800 : bootFreeMiB;
            }
        }

        /** The categories DescribeDisks reports (API reference, DescribeDisks: Category). */
        public static final Set<String> CATEGORIES = Set.of("cloud", "cloud_efficiency", "cloud_ssd", "cloud_essd",
                "cloud_auto", "cloud_essd_entry");
        static final Set<String> ESSD_CATEGORIES = Set.of("cloud_essd", "cloud_auto", "cloud_essd_entry");

        public boolean isSystem() {
            return "system".equals(type);
        }

        /**
         * "Snapshot-consistent groups can be used to create snapshots only for Enterprise SSDs (ESSDs), ESSD AutoPL
         * disks, and ESSD Entry disks" (API reference, CreateSnapshotGroup).
         */
        public boolean essd() {
            return ESSD_CATEGORIES.contains(category);
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

    /**
     * Injected faults for resilience tests. {@code brokenRepos}: repository ids or URL fragments
     * whose metadata cannot be downloaded (yum/dnf fail as they would); {@code rebootNeverReturns}:
     * the next boot of the instance never brings the operating system (and its agent) back.
     */
    public record Faults(String failStep, Boolean drillCritical, Boolean snapshotFails, List<String> brokenRepos,
                         Boolean rebootNeverReturns) {
        public Faults {
            failStep = failStep == null || failStep.isBlank() ? null : failStep;
            drillCritical = drillCritical == null ? Boolean.FALSE : drillCritical;
            snapshotFails = snapshotFails == null ? Boolean.FALSE : snapshotFails;
            brokenRepos = brokenRepos == null ? List.of() : List.copyOf(brokenRepos);
            rebootNeverReturns = rebootNeverReturns == null ? Boolean.FALSE : rebootNeverReturns;
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
