package io.osmigration.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DescribeInstances, Stop/Start/RebootInstance and DescribeCloudAssistantStatus. */
final class InstanceActions {

    private static final Set<String> STATUSES = Set.of("Pending", "Running", "Starting", "Stopping", "Stopped");

    private final SimState state;

    InstanceActions(SimState state) {
        this.state = state;
    }

    Map<String, Object> describeInstances(Params p) {
        String region = p.required("RegionId");
        List<String> ids = p.jsonArray("InstanceIds", 100);
        String status = p.optional("Status");
        if (status != null && !STATUSES.contains(status)) {
            throw EcsException.invalid("Status", "Valid values: " + STATUSES + ".");
        }
        String name = p.optional("InstanceName");
        List<Map<String, Object>> matching = new ArrayList<>();
        for (SimInstance inst : state.instances()) {
            if (!region.equals(inst.spec.regionId()) || ids != null && !ids.contains(inst.id())
                    || status != null && !status.equals(inst.status()) || name != null && !nameMatches(name, inst.spec.instanceName())) {
                continue;
            }
            matching.add(instance(inst));
        }
        // API reference DescribeInstances: PageSize and MaxResults at most 100, default 10; InstanceIds up to 100.
        Map<String, Object> body = Responses.ok();
        List<Map<String, Object>> page = Paging.page(p, matching, 10, 100, 100, body);
        body.put("Instances", Responses.wrap("Instance", page));
        return body;
    }

    /**
     * DescribeRegions: the regions the account can use, with their endpoints. The fleet's regions
     * first, then Alibaba Cloud's public regions (API reference DescribeRegions: RegionId, LocalName,
     * RegionEndpoint, Status).
     */
    Map<String, Object> describeRegions(Params p) {
        String language = p.optional("AcceptLanguage", "zh-CN");
        java.util.LinkedHashMap<String, String[]> regions = new java.util.LinkedHashMap<>();
        for (SimInstance inst : state.instances()) {
            String r = inst.spec.regionId();
            regions.putIfAbsent(r, Regions.names(r));
        }
        Regions.ALL.forEach((id, names) -> regions.putIfAbsent(id, names));
        List<Map<String, Object>> list = new ArrayList<>();
        regions.forEach((id, names) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("RegionId", id);
            m.put("LocalName", language.startsWith("en") ? names[1] : names[0]);
            m.put("RegionEndpoint", "ecs." + id + ".aliyuncs.com");
            m.put("Status", "available");
            list.add(m);
        });
        Map<String, Object> body = Responses.ok();
        body.put("Regions", Responses.wrap("Region", list));
        return body;
    }

    // ECS supports a trailing '*' as a prefix match on InstanceName.
    private static boolean nameMatches(String pattern, String name) {
        return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(name);
    }

    private Map<String, Object> instance(SimInstance inst) {
        Fleet.Instance s = inst.spec;
        Map<String, String> osRelease = inst.root.osRelease();
        String osName = osRelease.getOrDefault("PRETTY_NAME", "Linux");
        int cpu = Math.max(1, Math.min(64, s.memoryMiB() / 2048));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("InstanceId", s.instanceId());
        m.put("InstanceName", s.instanceName());
        m.put("HostName", s.instanceName());
        m.put("Description", "");
        m.put("RegionId", s.regionId());
        m.put("ZoneId", s.regionId() + "-h");
        m.put("Status", inst.status());
        m.put("OSName", osName);
        // ECS's English OS name ends with the word size, and says ARM for Arm images ("CentOS 7.9 64 bit").
        m.put("OSNameEn", osName + ("aarch64".equals(s.arch()) ? " 64 bit ARM Edition" : " 64 bit"));
        m.put("OSType", "linux");
        m.put("Architecture", s.arch());
        m.put("ImageId", "osm-sim-" + OsProfiles.id(s.osRelease()) + "_" + OsProfiles.major(s.osRelease()) + "_" + s.arch());
        m.put("Memory", s.memoryMiB());
        m.put("Cpu", cpu);
        m.put("InstanceType", instanceType(s.arch(), cpu, s.memoryMiB()));
        m.put("InstanceTypeFamily", "aarch64".equals(s.arch()) ? "ecs.g6r" : "ecs.g7");
        m.put("InstanceNetworkType", "vpc");
        m.put("InstanceChargeType", "PostPaid");
        m.put("InternetChargeType", "PayByTraffic");
        m.put("CreationTime", Times.minutes(inst.createdAt));
        m.put("StartTime", Times.minutes(inst.startTime()));
        m.put("ExpiredTime", "2099-12-31T15:59Z");
        m.put("SerialNumber", FakeRoot.machineId(s.instanceId()));
        m.put("IoOptimized", true);
        m.put("DeletionProtection", false);
        m.put("VpcAttributes", Map.of("VpcId", "vpc-bp1osmsim", "VSwitchId", "vsw-bp1osmsim",
                "PrivateIpAddress", Responses.wrap("IpAddress", List.of(FakeRoot.privateIp(s.instanceId()))), "NatIpAddress", ""));
        m.put("PublicIpAddress", Responses.wrap("IpAddress", List.of()));
        m.put("InnerIpAddress", Responses.wrap("IpAddress", List.of()));
        m.put("SecurityGroupIds", Responses.wrap("SecurityGroupId", List.of("sg-bp1osmsim")));
        m.put("OperationLocks", Responses.wrap("LockReason", List.of()));
        m.put("Tags", Responses.wrap("Tag", List.of()));
        return m;
    }

    private static String instanceType(String arch, int cpu, int memoryMiB) {
        if (memoryMiB < 1024) {
            return "ecs.t5-lc2m1.nano";
        }
        String family = "aarch64".equals(arch) ? "ecs.g6r" : "ecs.g7";
        String size = switch (cpu) {
            case 1 -> "large";
            case 2 -> "large";
            case 3, 4 -> "xlarge";
            default -> (cpu / 4) + "xlarge";
        };
        return family + "." + size;
    }

    Map<String, Object> stopInstance(Params p) {
        SimInstance inst = state.instance(p.required("InstanceId"), null);
        state.stop(inst);
        return Responses.ok();
    }

    Map<String, Object> startInstance(Params p) {
        SimInstance inst = state.instance(p.required("InstanceId"), null);
        state.start(inst);
        return Responses.ok();
    }

    Map<String, Object> rebootInstance(Params p) {
        SimInstance inst = state.instance(p.required("InstanceId"), null);
        state.reboot(inst);
        return Responses.ok();
    }

    /**
     * DescribeCloudAssistantStatus: up to 50 {@code InstanceId.N} (API reference), an unknown one is
     * {@code InvalidInstance.NotFound}; {@code CloudAssistantStatus} is what the heartbeats tell: it
     * stays "true" until the agent has missed one heartbeat, so it lags a reboot.
     */
    Map<String, Object> describeCloudAssistantStatus(Params p) {
        String region = p.required("RegionId");
        List<String> ids = p.repeated("InstanceId", 50);
        String osType = p.optional("OSType");
        List<SimInstance> targets = new ArrayList<>();
        if (ids.isEmpty()) {
            state.instances().stream().filter(i -> region.equals(i.spec.regionId())).forEach(targets::add);
        } else {
            for (String id : ids) {
                try {
                    targets.add(state.instance(id, region));
                } catch (EcsException e) {
                    throw new EcsException(404, "InvalidInstance.NotFound", "The specified instance does not exist: " + id);
                }
            }
        }
        Instant now = state.now();
        Duration beat = state.settings.agentHeartbeat();
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (SimInstance inst : targets) {
            if (osType != null && !osType.equalsIgnoreCase("Linux")) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            synchronized (state) {
                m.put("InstanceId", inst.id());
                m.put("CloudAssistantStatus", String.valueOf(inst.reportedOnline(now, beat)));
                m.put("CloudAssistantVersion", "2.2.3.857");
                m.put("LastHeartbeatTime", Times.seconds(inst.lastHeartbeat(now, beat)));
            }
            m.put("OSType", "Linux");
            m.put("InvocationCount", 0);
            m.put("ActiveTaskCount", 0);
            m.put("SupportSessionManager", true);
            statuses.add(m);
        }
        Map<String, Object> body = Responses.ok();
        List<Map<String, Object>> page = Paging.page(p, statuses, ids.isEmpty() ? 10 : Math.max(ids.size(), 1), 50, 50, body);
        body.put("InstanceCloudAssistantStatusSet", Responses.wrap("InstanceCloudAssistantStatus", page));
        return body;
    }
}
