package io.osmigration.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RunCommand, DescribeInvocations and DescribeInvocationResults (Cloud Assistant). */
final class CommandActions {

    private final SimState state;

    CommandActions(SimState state) {
        this.state = state;
    }

    Map<String, Object> runCommand(Params p) {
        String region = p.required("RegionId");
        String type = p.required("Type");
        String content = p.required("CommandContent");
        List<String> instanceIds;
        try {
            instanceIds = p.repeated("InstanceId", 100);
        } catch (EcsException e) {
            // API reference RunCommand, error codes: 403 InstanceIds.ExceedLimit
            throw new EcsException(403, "InstanceIds.ExceedLimit", "The number of instance IDs exceeds the upper limit.");
        }
        if (instanceIds.isEmpty()) {
            throw EcsException.missing("InstanceId.1");
        }
        if (!"RunShellScript".equals(type)) {
            // The simulated fleet is Linux only: batch and PowerShell scripts cannot run (403 InvalidCmdType.NotFound).
            throw new EcsException(403, "InvalidCmdType.NotFound", "The specified command type does not exist.");
        }
        if (p.optional("Name", "").length() > 128) {
            throw new EcsException(403, "CmdName.ExceedLimit", "The length of the command name exceeds the upper limit.");
        }
        if (p.optional("Description", "").length() > 512) {
            throw new EcsException(403, "CmdDesc.ExceedLimit", "The length of the command description exceeds the upper limit.");
        }
        String encoding = p.optional("ContentEncoding", "PlainText");
        byte[] script = decode(content, encoding);
        int base64Length = Base64.getEncoder().encode(script).length;
        if (base64Length > state.settings.maxCommandContentBytes()) {
            throw new EcsException(400, "InvalidCommandContent.LengthLimitExceeded", "The Base64-encoded CommandContent is "
                    + base64Length + " bytes; at most " + state.settings.maxCommandContentBytes() + " bytes are allowed.");
        }
        if (p.flag("EnableParameter")) {
            script = substitute(script, p.optional("Parameters", "{}"));
        }
        long timeout = p.integer("Timeout", 60, 1, 86_400);
        String repeatMode = p.optional("RepeatMode", "Once");
        if (!"Once".equals(repeatMode)) {
            throw EcsException.invalid("RepeatMode", "The simulator runs commands once only.");
        }
        String token = p.optional("ClientToken");
        String fingerprint = String.join(",", instanceIds) + "|" + type + "|" + Base64.getEncoder().encodeToString(script);
        Invocation previous = state.invocationByToken(token);
        if (previous != null) {
            if (!previous.fingerprint.equals(fingerprint)) {
                throw EcsException.idempotentMismatch();
            }
            return ids(previous);
        }
        List<SimInstance> targets = new ArrayList<>();
        for (String id : instanceIds) {
            try {
                targets.add(state.instance(id, region));
            } catch (EcsException e) {
                // API reference RunCommand, error codes: 404 InvalidInstance.NotFound (not InvalidInstanceId.NotFound)
                throw new EcsException(404, "InvalidInstance.NotFound", "The specified instance does not exist.");
            }
        }
        for (SimInstance inst : targets) {
            if (!"Running".equals(inst.status())) {
                throw EcsException.incorrectInstanceStatus(inst.id(), inst.status());
            }
        }
        String name = p.optional("Name", "RunCommand-" + state.now().toEpochMilli());
        Invocation inv = new Invocation(Ids.invokeId(), Ids.commandId(), name, p.optional("Description", ""), type, script,
                timeout, p.optional("WorkingDir"), token, fingerprint, state.now(), instanceIds);
        state.run(inv, targets);
        return ids(inv);
    }

    private static Map<String, Object> ids(Invocation inv) {
        Map<String, Object> body = Responses.ok();
        body.put("CommandId", inv.commandId);
        body.put("InvokeId", inv.invokeId);
        return body;
    }

    private static byte[] decode(String content, String encoding) {
        switch (encoding) {
            case "PlainText":
                return content.getBytes(StandardCharsets.UTF_8);
            case "Base64":
                try {
                    return Base64.getMimeDecoder().decode(content);
                } catch (IllegalArgumentException e) {
                    throw EcsException.invalid("CommandContent", "It is not valid Base64.");
                }
            default:
                throw EcsException.invalid("ContentEncoding", "Valid values: PlainText, Base64.");
        }
    }

    // Cloud Assistant custom parameters: {{name}} replaced from the Parameters JSON object.
    private static byte[] substitute(byte[] script, String parametersJson) {
        Map<String, Object> params = Json.object(parametersJson);
        if (params == null) {
            throw EcsException.invalid("Parameters", "It must be a JSON object.");
        }
        String text = new String(script, StandardCharsets.UTF_8);
        for (Map.Entry<String, Object> e : params.entrySet()) {
            text = text.replaceAll("\\{\\{\\s*" + Pattern.quote(e.getKey()) + "\\s*}}",
                    Matcher.quoteReplacement(String.valueOf(e.getValue())));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    Map<String, Object> describeInvocations(Params p) {
        p.required("RegionId");
        String invokeId = p.optional("InvokeId");
        String commandId = p.optional("CommandId");
        String instanceId = p.optional("InstanceId");
        String invokeStatus = p.optional("InvokeStatus");
        boolean includeOutput = p.flag("IncludeOutput");
        boolean plain = "PlainText".equals(p.optional("ContentEncoding"));
        if (includeOutput && invokeId == null && instanceId == null) {
            // API reference: "When this parameter is set to true, you must specify InvokeId, InstanceId, or both of them."
            throw EcsException.missing("InvokeId");
        }
        if (invokeId != null) {
            state.invocation(invokeId); // ECS answers InvalidInvokeId.NotFound for an unknown id
        }
        List<Map<String, Object>> found = new ArrayList<>();
        List<Invocation> all = state.invocations();
        for (int i = all.size() - 1; i >= 0; i--) { // newest first, as ECS lists them
            Invocation inv = all.get(i);
            if (invokeId != null && !invokeId.equals(inv.invokeId) || commandId != null && !commandId.equals(inv.commandId)
                    || instanceId != null && inv.record(instanceId) == null
                    || invokeStatus != null && !invokeStatus.equals(inv.overallStatus()) && !invokeStatus.equals(inv.invokeStatus())) {
                continue;
            }
            found.add(invocation(inv, includeOutput, plain));
        }
        Map<String, Object> body = Responses.ok();
        List<Map<String, Object>> page = pageInvocations(p, found, body);
        body.put("Invocations", Responses.wrap("Invocation", page));
        return body;
    }

    // PageSize and MaxResults at most 50, default 10 (API reference DescribeInvocations / DescribeInvocationResults);
    // a bad page is 403 InvalidParam.PageNumber / InvalidParam.PageSize there.
    private static List<Map<String, Object>> pageInvocations(Params p, List<Map<String, Object>> all, Map<String, Object> body) {
        try {
            return Paging.page(p, all, 10, 50, 50, body);
        } catch (EcsException e) {
            if (e.getMessage().contains("\"PageSize\"")) {
                throw new EcsException(403, "InvalidParam.PageSize", "The specified parameter is invalid.");
            }
            if (e.getMessage().contains("\"PageNumber\"")) {
                throw new EcsException(403, "InvalidParam.PageNumber", "The specified parameter is invalid.");
            }
            throw e;
        }
    }

    private static Map<String, Object> invocation(Invocation inv, boolean includeOutput, boolean plain) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("InvokeId", inv.invokeId);
        m.put("CommandId", inv.commandId);
        m.put("CommandName", inv.name);
        m.put("CommandType", inv.type);
        m.put("CommandDescription", inv.description);
        m.put("CommandContent", plain ? new String(inv.content, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(inv.content));
        m.put("InvocationStatus", inv.overallStatus());
        m.put("InvokeStatus", inv.invokeStatus());
        m.put("CreationTime", Times.seconds(inv.created));
        m.put("Timeout", inv.timeoutSeconds);
        m.put("RepeatMode", "Once");
        m.put("Timed", false);
        m.put("Frequency", "");
        m.put("Parameters", "{}");
        m.put("Username", "root");
        m.put("WorkingDir", inv.workingDir == null ? "" : inv.workingDir);
        List<Map<String, Object>> instances = new ArrayList<>();
        for (InvocationRecord r : inv.records()) {
            Map<String, Object> ri = new LinkedHashMap<>();
            ri.put("InstanceId", r.instanceId);
            ri.put("InstanceInvokeStatus", r.recordStatus());
            ri.put("InvocationStatus", r.status());
            putExecution(ri, r, includeOutput, plain);
            ri.put("CreationTime", Times.seconds(r.created));
            ri.put("FinishTime", Times.seconds(r.finish()));
            ri.put("UpdateTime", Times.seconds(r.finish() != null ? r.finish() : r.start() != null ? r.start() : r.created));
            ri.put("Repeats", r.start() == null ? 0 : 1);
            ri.put("Timed", false);
            instances.add(ri);
        }
        m.put("InvokeInstances", Responses.wrap("InvokeInstance", instances));
        m.put("Tags", Responses.wrap("Tag", List.of()));
        return m;
    }

    Map<String, Object> describeInvocationResults(Params p) {
        p.required("RegionId");
        String invokeId = p.optional("InvokeId");
        String commandId = p.optional("CommandId");
        String instanceId = p.optional("InstanceId");
        String recordStatus = p.optional("InvokeRecordStatus");
        boolean plain = "PlainText".equals(p.optional("ContentEncoding"));
        List<Invocation> source = invokeId != null ? List.of(state.invocation(invokeId)) : newestFirst(state.invocations());
        List<Map<String, Object>> results = new ArrayList<>();
        for (Invocation inv : source) {
            if (commandId != null && !commandId.equals(inv.commandId)) {
                continue;
            }
            for (InvocationRecord r : inv.records()) {
                if (instanceId != null && !instanceId.equals(r.instanceId) || recordStatus != null && !recordStatus.equals(r.recordStatus())) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("InvokeId", inv.invokeId);
                m.put("InstanceId", r.instanceId);
                m.put("CommandId", inv.commandId);
                m.put("InvocationStatus", r.status());
                m.put("InvokeRecordStatus", r.recordStatus());
                putExecution(m, r, true, plain);
                m.put("FinishedTime", Times.seconds(r.finish()));
                m.put("Repeats", r.start() == null ? 0 : 1);
                m.put("Username", "root");
                results.add(m);
            }
        }
        Map<String, Object> invocation = Responses.ok();
        List<Map<String, Object>> page = pageInvocations(p, results, invocation);
        invocation.put("InvocationResults", Responses.wrap("InvocationResult", page));
        Map<String, Object> body = Responses.ok();
        body.put("Invocation", invocation);
        return body;
    }

    private static List<Invocation> newestFirst(List<Invocation> all) {
        List<Invocation> copy = new ArrayList<>(all);
        java.util.Collections.reverse(copy);
        return copy;
    }

    // ExitCode is only reported once the script has ended; Output is Base64 unless PlainText was asked for.
    private static void putExecution(Map<String, Object> m, InvocationRecord r, boolean includeOutput, boolean plain) {
        if (r.exitCode() != null) {
            m.put("ExitCode", r.exitCode());
        }
        if (includeOutput) {
            byte[] out = r.output();
            m.put("Output", plain ? new String(out, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(out));
            m.put("Dropped", r.dropped());
        }
        m.put("ErrorCode", r.errorCode());
        m.put("ErrorInfo", r.errorInfo());
        m.put("StartTime", Times.seconds(r.start()));
    }
}
