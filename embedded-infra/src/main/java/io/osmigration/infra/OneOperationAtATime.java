package io.osmigration.infra;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Runs the wire server's operations one at a time. MongoDB applies a {@code findAndModify}, an update or an upsert to
 * a document atomically — filter and change together — and every service relies on that for its leases, claims and
 * conditional updates; mongo-java-server handles connections on several threads without locking a collection, so two
 * concurrent {@code findAndModify} could both match the same old value, and it answers with the stored document
 * itself, which the next update changes before the answer is encoded (two {@code $inc} then return the same value).
 * Serialising the operations and copying their answers gives the embedded server the guarantee a real MongoDB gives,
 * at the cost of concurrency it has little use for in one JVM.
 * (A proxy rather than a subclass: the backend's signatures name Netty types that are not on our compile path.)
 */
final class OneOperationAtATime {

    /** What needs no lock: shutting down, and the clock. */
    private static final Set<String> UNLOCKED = Set.of("close", "getClock");

    private OneOperationAtATime() {
    }

    static MongoBackend around(MongoBackend backend) {
        Object lock = new Object();
        return (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(),
                new Class<?>[] {MongoBackend.class}, (proxy, method, args) -> {
                    if (UNLOCKED.contains(method.getName())) {
                        return invoke(backend, method, args);
                    }
                    synchronized (lock) {
                        Object result = invoke(backend, method, args);
                        if (result == backend) {
                            return proxy;
                        }
                        // The memory backend answers with its stored documents themselves; the reply is encoded
                        // after the lock is gone, when the next operation may already have changed them.
                        return result instanceof Document document ? document.cloneDeeply() : result;
                    }
                });
    }

    private static Object invoke(MongoBackend backend, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(backend, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
