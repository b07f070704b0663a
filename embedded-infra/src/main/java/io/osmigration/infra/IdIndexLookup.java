package io.osmigration.infra;

import java.util.List;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Where a query names {@code _id} beside other conditions, the documents to look at come from the {@code _id} index,
 * as MongoDB's planner does. mongo-java-server uses an index only for a query on exactly its keys, so an update that
 * a service fences by version or lease ({@code {_id: x, version: 3}}) and a claim of a list of ids
 * ({@code {$and: [{_id: {$in: [...]}}, ...]}}) each read the whole collection: at fleet scale most of the embedded
 * server's time, with the work growing as the square of the collection. The full query is still matched against
 * each document found, so the answers are the same; only the documents read differ.
 */
final class IdIndexLookup {

    private static final String ID = "_id";

    private IdIndexLookup() {
    }

    /** The positions of the documents the {@code _id} part of {@code query} selects, or null to scan as before. */
    static <P> Iterable<P> positions(List<Index<P>> indexes, Document query) {
        Document byId = idCondition(query);
        if (byId == null) {
            return null;
        }
        for (Index<P> index : indexes) {
            if (index.canHandle(byId)) {
                return index.getPositions(byId);
            }
        }
        return null;
    }

    /** {@code {_id: <condition>}} when the query also asks other things (top level or in a top-level $and). */
    private static Document idCondition(Document query) {
        if (query.size() > 1 && query.containsKey(ID)) {
            return new Document(ID, query.get(ID));
        }
        if (query.size() == 1 && query.get("$and") instanceof List<?> all) {
            for (Object part : all) {
                if (part instanceof Document condition && condition.size() == 1 && condition.containsKey(ID)) {
                    return new Document(ID, condition.get(ID));
                }
            }
        }
        return null;
    }
}
