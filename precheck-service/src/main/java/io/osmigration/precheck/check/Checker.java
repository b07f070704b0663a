package io.osmigration.precheck.check;

import java.time.Clock;

import org.springframework.stereotype.Component;

import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.precheck.facts.CloudAssistantFacts;
import io.osmigration.precheck.facts.FreshFacts;
import io.osmigration.precheck.facts.InstanceSnapshots;
import io.osmigration.precheck.facts.KnownSources;
import io.osmigration.precheck.facts.SourceFactsDocument;
import io.osmigration.precheck.rules.CheckSubject;
import io.osmigration.precheck.rules.RuleBook;

/**
 * Looks at one server: fresh facts through Cloud Assistant (the stored import's when the agent does not answer),
 * snapshots in progress, then the rules. Knows nothing of queues, claims or deadlines.
 */
@Component
class Checker {

    private final KnownSources knownSources;
    private final CloudAssistantFacts cloudAssistantFacts;
    private final InstanceSnapshots instanceSnapshots;
    private final RuleBook ruleBook;
    private final Clock clock;

    Checker(KnownSources knownSources, CloudAssistantFacts cloudAssistantFacts, InstanceSnapshots instanceSnapshots,
            RuleBook ruleBook, Clock clock) {
        this.knownSources = knownSources;
        this.cloudAssistantFacts = cloudAssistantFacts;
        this.instanceSnapshots = instanceSnapshots;
        this.ruleBook = ruleBook;
        this.clock = clock;
    }

    CheckResult check(PrecheckDocument check) {
        CheckSubject subject = subject(check);
        ServerFacts facts = subject.facts();
        return new CheckResult(ruleBook.evaluate(subject), facts == null ? null : sourceOs(facts),
                facts == null ? null : facts.arch(), facts == null ? null : facts.collectedAt(),
                facts != null && !subject.freshFacts());
    }

    /**
     * The ClientToken derives from the check, so a check taken over by another replica finds the invocation the
     * first one started instead of running the collector a second time.
     */
    private CheckSubject subject(PrecheckDocument check) {
        FreshFacts fresh = cloudAssistantFacts.collect(check.instanceId(), check.regionId(),
                "osm-" + check.precheckId());
        ServerFacts facts;
        CheckSubject.CloudAssistantState agent;
        if (fresh.succeeded()) {
            facts = fresh.facts();
            agent = CheckSubject.CloudAssistantState.ONLINE;
        } else {
            facts = knownSources.find(check.sourceId()).map(SourceFactsDocument::facts).orElse(null);
            agent = CheckSubject.CloudAssistantState.offline(fresh.failure());
        }
        CheckSubject.SnapshotState snapshots = instanceSnapshots.inProgress(check.instanceId(), check.regionId());
        return new CheckSubject(check.sourceId(), check.instanceId(), check.destinationOs(), facts,
                fresh.succeeded(), agent, snapshots, clock.instant());
    }

    private static String sourceOs(ServerFacts facts) {
        return facts.osPrettyName() != null && !facts.osPrettyName().isBlank() ? facts.osPrettyName()
                : (facts.osId() + " " + facts.osVersionId()).strip();
    }
}
