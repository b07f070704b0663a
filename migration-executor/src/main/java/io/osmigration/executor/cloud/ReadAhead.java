package io.osmigration.executor.cloud;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

/**
 * Answers read ahead for many jobs, each handed out once: the next question about the same thing is asked again, so
 * a job that looks twice in one move (after a reboot command, say) sees the cloud as it is then. Answers nobody took
 * within {@code maxAge} are dropped. One per replica, shared by the cloud adapters: {@link EcsInstanceCloud} fills it
 * and answers the workflow's questions from it, {@link AssistantStepCommands} takes the ended records and the agents'
 * states from it.
 */
@Component
final class ReadAhead {

    /** What answers are kept for, at most: a job due now moves within a round of the worker. */
    static final Duration MAX_AGE = Duration.ofSeconds(15);

    /**
     * What was read: an instance's status, its agent's state, one invocation's record on it, or the record of an
     * invocation just handed out as ended (for reading its result without reading the record again).
     */
    record Key(char kind, String regionId, String id, String instanceId) {
    }

    private record Answer(Object value, long readAtNanos) {
    }

    private final ConcurrentMap<Key, Answer> answers = new ConcurrentHashMap<>();
    private final long maxAgeNanos;

    ReadAhead() {
        this(MAX_AGE);
    }

    ReadAhead(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    static Key status(String regionId, String instanceId) {
        return new Key('s', regionId, instanceId, instanceId);
    }

    static Key agent(String regionId, String instanceId) {
        return new Key('a', regionId, instanceId, instanceId);
    }

    static Key invocation(String regionId, String invokeId, String instanceId) {
        return new Key('i', regionId, invokeId, instanceId);
    }

    static Key ended(String regionId, String invokeId, String instanceId) {
        return new Key('e', regionId, invokeId, instanceId);
    }

    void put(Key key, Object value) {
        answers.put(key, new Answer(value, System.nanoTime()));
    }

    /** The answer read ahead for {@code key}, removed; empty when there is none (or it is too old). */
    @SuppressWarnings("unchecked")
    <T> Optional<T> take(Key key) {
        Answer answer = answers.remove(key);
        if (answer == null || System.nanoTime() - answer.readAtNanos() > maxAgeNanos) {
            return Optional.empty();
        }
        return Optional.of((T) answer.value());
    }

    void evictStale() {
        long now = System.nanoTime();
        answers.values().removeIf(answer -> now - answer.readAtNanos() > maxAgeNanos);
    }

    int size() {
        return answers.size();
    }
}
