package io.osmigration.infra;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;

/**
 * mongo-java-server's H2 backend whose collections look documents up by {@code _id} ({@link IdIndexLookup}). The
 * collections' maps are named as H2Database names them ({@code databases.<db>.<collection>} and {@code meta.…}), so a
 * file written before opens unchanged.
 */
final class IndexedH2Backend extends H2Backend {

    IndexedH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** Not static: H2Database opens its collections while it is constructed, before a field of its own is set. */
    private final class Database extends H2Database {

        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = getMvStore().openMap("databases." + fullName);
            MVMap<String, Object> meta = getMvStore().openMap("meta." + fullName);
            return new Collection(this, collectionName, options, data, meta, cursorRegistry);
        }
    }

    private static final class Collection extends H2Collection {

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                   MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document fields) {
            Iterable<Object> byId = IdIndexLookup.positions(getIndexes(), query);
            return byId != null ? matchDocuments(query, byId, orderBy, skip, limit, batchSize, fields)
                    : super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
        }
    }
}
