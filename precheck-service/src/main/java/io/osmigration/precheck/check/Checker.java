package io.osmigration.precheck.check;

import java.time.Clock;

import org.springframework.stereotype.Component;

import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.precheck.facts.FreshFacts;
import io.osmigration.precheck.facts.KnownSources;
import io.osmigration.precheck.facts.SourceFactsDocument;
import io.osmigration.precheck.rules.CheckSubject;
import io.osmigration.precheck.rules.RuleBook;

/**
 * Judges one server from what the worker gathered for it: the fresh facts of its collector (the stored import's
 * when the collector did not deliver) and its snapshots in progress, then the rules. Knows nothing of queues,
 * claims, deadlines or how the facts were read.
 */
@Component
class Checker {

    private final KnownSources knownSources;
    private final RuleBook ruleBook;
    private final Clock clock;

    Checker(KnownSources knownSources, RuleBook ruleBook, Clock clock) {
        this.knownSources = knownSources;
        this.ruleBook = ruleBook;
        this.clock = clock;
    }

    /** @param snapshots null when the instance has none to look at (no instance id) */
    CheckResult evaluate(PrecheckDocument check, FreshFacts fresh, CheckSubject.SnapshotState snapshots) {
        CheckSubject subject = subject(check, fresh, snapshots == null ? CheckSubject.SnapshotState.NONE : snapshots);
        ServerFacts facts = subject.facts();
        return new CheckResult(ruleBook.evaluate(subject), facts == null ? null : sourceOs(facts),
                facts == null ? null : facts.arch(), facts == null ? null : facts.collectedAt(),
                facts != null && !subject.freshFacts());
    }

    private CheckSubject subject(PrecheckDocument check, FreshFacts fresh, CheckSubject.SnapshotState snapshots) {
        ServerFacts facts;
        CheckSubject.CloudAssistantState agent;
        if (fresh.succeeded()) {
            facts = fresh.facts();
            agent = CheckSubject.CloudAssistantState.ONLINE;
        } else {
            facts = knownSources.find(check.sourceId()).map(SourceFactsDocument::facts).orElse(null);
            agent = CheckSubject.CloudAssistantState.offline(fresh.failure());
        }
        return new CheckSubject(check.sourceId(), check.instanceId(), check.destinationOs(), facts,
                fresh.succeeded(), agent, snapshots, clock.instant());
    }

    private static String sourceOs(ServerFacts facts) {
        return facts.osPrettyName() != null && !facts.osPrettyName().isBlank() ? facts.osPrettyName()
                : (facts.osId() + " " + facts.osVersionId()).strip();
    }
}
