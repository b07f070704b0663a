package io.osmigration.precheck.rules;

import java.time.Duration;
import java.util.List;

/**
 * CLOUD_ASSISTANT_OFFLINE: every migration step runs through Cloud Assistant, so an agent that does not answer
 * blocks the migration. The facts then come from the last import; the detail says how old they are.
 */
public final class CloudAssistantRule implements Rule {

    @Override
    public List<Finding> evaluate(CheckSubject subject) {
        if (subject.cloudAssistant().online()) {
            return List.of();
        }
        String facts = subject.hasFacts()
                ? " The facts checked are stale: collected at " + subject.facts().collectedAt() + " ("
                + human(subject.factsAge()) + " old) by the last import."
                : " No facts about this server are known at all, so no other rule could run.";
        return List.of(new Finding(FindingCodes.CLOUD_ASSISTANT_OFFLINE, Severity.CRITICAL,
                "Cloud Assistant does not answer on the instance",
                "Cloud Assistant could not run the fact collector: " + subject.cloudAssistant().reason() + "." + facts,
                "Start the instance and make sure the Cloud Assistant Agent is installed and running, then check again.",
                "systemctl restart aliyun.service"));
    }

    static String human(Duration age) {
        long minutes = age.toMinutes();
        if (minutes < 1) {
            return age.toSeconds() + " s";
        }
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = age.toHours();
        return hours < 48 ? hours + " h" : age.toDays() + " days";
    }
}
