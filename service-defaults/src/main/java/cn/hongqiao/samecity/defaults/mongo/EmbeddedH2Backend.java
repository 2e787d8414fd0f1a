package cn.hongqiao.samecity.defaults.mongo;

import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The embedded server's H2 backend with unique indexes that do not Java-serialise two keys for
 * every comparison. mongo-java-server keeps a unique index in an H2 map keyed by its
 * {@code KeyValue}, which is not {@link Comparable}, so H2 compares two keys by serialising both
 * with {@code ObjectOutputStream}: some thirty serialisations per insert and per index, growing
 * with the collection (the audit trail's inserts cost a millisecond each, most of it there). Here
 * each key is kept as its serialisation, made once ({@link SerializedKey}):
 * the same bytes, compared the same way, written in the same format, so the order of keys, and the
 * files an earlier version wrote, stay as they were. A development database only: production runs
 * a real MongoDB.
 */
final class EmbeddedH2Backend extends H2Backend {

    /** H2's tag for a value stored as Java serialisation ({@code ObjectDataType.TYPE_SERIALIZED_OBJECT}). */
    static final byte SERIALIZED_OBJECT = 19;

    EmbeddedH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * An inner class, not a nested one, reading the store from the backend: the backend opens the
     * existing databases in its constructor, and a database its existing indexes in its own, which
     * calls {@link #openOrCreateUniqueIndex} before a field of this class would be set.
     */
    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            // the map's name as mongo-java-server gives it, so an index an earlier version made is found
            MVMap<SerializedKey, Object> map = getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    new MVMap.Builder<SerializedKey, Object>().keyType(SerializedKeys.INSTANCE));
            return new UniqueIndex(map, indexName, keys, sparse);
        }
    }

    /** A unique index as mongo-java-server's H2 backend keeps it, its keys serialised once. */
    static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<SerializedKey, Object> map;

        UniqueIndex(MVMap<SerializedKey, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(SerializedKey.of(key));
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(SerializedKey.of(key), Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return () -> map.entrySet().stream()
                    .<Map.Entry<KeyValue, Object>>map(entry -> new AbstractMap.SimpleImmutableEntry<>(entry.getKey().value(), entry.getValue()))
                    .iterator();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(SerializedKey.of(key));
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * An index key as its Java serialisation, which is how H2 orders and stores it: the key itself is
     * read back from it only when asked for (an index is walked by its keys only for {@code $in} and
     * regular expressions), so a page read from the file is not deserialised key by key. The map
     * compares keys, never equals them.
     */
    static final class SerializedKey {

        private final byte[] bytes;

        SerializedKey(byte[] bytes) {
            this.bytes = bytes;
        }

        static SerializedKey of(KeyValue value) {
            return new SerializedKey(ObjectDataType.serialize(value));
        }

        KeyValue value() {
            return (KeyValue) ObjectDataType.deserialize(bytes);
        }

        byte[] bytes() {
            return bytes;
        }
    }

    /**
     * H2's {@code ObjectDataType} for keys that are serialised objects, with the serialisation kept:
     * compares the bytes as it does ({@code compareNotNull}), writes the tag, the length and the bytes
     * as it does, and reads them back as they are.
     */
    static final class SerializedKeys extends BasicDataType<SerializedKey> {

        static final SerializedKeys INSTANCE = new SerializedKeys();

        @Override
        public int compare(SerializedKey a, SerializedKey b) {
            return ObjectDataType.compareNotNull(a.bytes(), b.bytes());
        }

        @Override
        public int getMemory(SerializedKey key) {
            return 32 + key.bytes().length;
        }

        @Override
        public void write(WriteBuffer buffer, SerializedKey key) {
            buffer.put(SERIALIZED_OBJECT).putVarInt(key.bytes().length).put(key.bytes());
        }

        @Override
        public SerializedKey read(ByteBuffer buffer) {
            int start = buffer.position();
            if (buffer.get() == SERIALIZED_OBJECT) {
                byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
                buffer.get(bytes);
                return new SerializedKey(bytes);
            }
            // not a key mongo-java-server wrote (it writes KeyValues only): as H2 reads any value
            buffer.position(start);
            return SerializedKey.of((KeyValue) new ObjectDataType().read(buffer));
        }

        @Override
        public SerializedKey[] createStorage(int size) {
            return new SerializedKey[size];
        }
    }
}
