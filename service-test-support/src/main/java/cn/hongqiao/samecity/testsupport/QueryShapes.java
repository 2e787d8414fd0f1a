package cn.hongqiao.samecity.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * What a service's tests ask MongoDB, seen on the wire: every query's shape (the collection, the
 * fields it matches by equality, its sort, the fields it matches by range) and every index the
 * service creates, recorded by a driver {@link CommandListener} in every test context. The embedded
 * server ignores non-unique indexes, so no test can see a collection scan; {@link #unserved} stands
 * in for a real MongoDB's explain plans by its rules: an index serves a query when the query names
 * its first key, and a sorted query only when the index has the sort's keys right after some of the
 * query's equality fields (equality, sort, range: ESR), in the sort's order or all reversed.
 */
public final class QueryShapes implements CommandListener {

    /** A field of a sort, 1 ascending or -1 descending. */
    public record SortKey(String field, int direction) {
        @Override
        public String toString() {
            return field + ": " + direction;
        }
    }

    /** One kind of query: where, what it matches by equality and by range, how it is sorted. */
    public record Shape(String collection, Set<String> equality, List<SortKey> sort, Set<String> range) {

        /** The sort without the fields matched by equality (constant within the answer, so they order nothing). */
        public List<SortKey> effectiveSort() {
            return sort.stream().filter(s -> !equality.contains(s.field())).toList();
        }

        /** An index that would serve it, in ESR order. */
        public List<SortKey> suggestedIndex() {
            List<SortKey> keys = new ArrayList<>();
            equality.stream().sorted().forEach(f -> keys.add(new SortKey(f, 1)));
            keys.addAll(effectiveSort());
            range.stream().sorted().filter(f -> sort.stream().noneMatch(s -> s.field().equals(f))).forEach(f -> keys.add(new SortKey(f, 1)));
            return keys;
        }

        boolean isEmpty() {
            return equality.isEmpty() && sort.isEmpty() && range.isEmpty();
        }

        @Override
        public String toString() {
            return (collection + " " + (equality.isEmpty() ? "" : "equal " + new java.util.TreeSet<>(equality) + " ")
                    + (sort.isEmpty() ? "" : "sort " + sort + " ") + (range.isEmpty() ? "" : "range " + new java.util.TreeSet<>(range))).trim();
        }
    }

    /** An index as created: its collection, name and keys. */
    public record Index(String collection, String name, List<SortKey> keys) {
    }

    static final QueryShapes RECORDER = new QueryShapes();
    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final Set<Shape> shapes = ConcurrentHashMap.newKeySet();
    private final Map<String, Index> indexes = new ConcurrentHashMap<>();

    /** The shapes recorded in this JVM (every test context of the module's run). */
    public static Set<Shape> recorded() {
        return Set.copyOf(RECORDER.shapes);
    }

    Set<Shape> recordedShapes() {
        return Set.copyOf(shapes);
    }

    /** The indexes the service created in this JVM, by collection. */
    public static Map<String, List<Index>> declaredIndexes() {
        return RECORDER.indexes.values().stream().collect(Collectors.groupingBy(Index::collection));
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        String name = event.getCommandName();
        try {
            switch (name) {
                case "find" -> record(command.getString("find").getValue(), command.getDocument("filter", new BsonDocument()),
                        command.getDocument("sort", new BsonDocument()));
                case "count" -> record(command.getString("count").getValue(), command.getDocument("query", new BsonDocument()), new BsonDocument());
                case "distinct" -> record(command.getString("distinct").getValue(), command.getDocument("query", new BsonDocument()),
                        new BsonDocument());
                case "findAndModify" -> record(command.getString("findAndModify").getValue(), command.getDocument("query", new BsonDocument()),
                        command.getDocument("sort", new BsonDocument()));
                case "aggregate" -> aggregate(command);
                case "update" -> statements(command.getString("update").getValue(), command.getArray("updates", new BsonArray()));
                case "delete" -> statements(command.getString("delete").getValue(), command.getArray("deletes", new BsonArray()));
                case "createIndexes" -> {
                    String collection = command.getString("createIndexes").getValue();
                    for (BsonValue index : command.getArray("indexes")) {
                        String indexName = index.asDocument().getString("name").getValue();
                        if (!indexName.startsWith("embedded_")) { // the embedded server's own (EmbeddedMongoAutoConfiguration)
                            indexes.put(collection + "/" + indexName, new Index(collection, indexName, keys(index.asDocument().getDocument("key"))));
                        }
                    }
                }
                default -> {
                }
            }
        } catch (RuntimeException unreadable) {
            // a command this recorder does not understand is not a query it can judge
        }
    }

    private void aggregate(BsonDocument command) {
        if (!command.isString("aggregate")) {
            return;
        }
        String collection = command.getString("aggregate").getValue();
        List<BsonValue> pipeline = command.getArray("pipeline");
        BsonDocument match = new BsonDocument();
        BsonDocument sort = new BsonDocument();
        int at = 0;
        if (at < pipeline.size() && pipeline.get(at).asDocument().containsKey("$match")) {
            match = pipeline.get(at++).asDocument().getDocument("$match");
        }
        if (at < pipeline.size() && pipeline.get(at).asDocument().containsKey("$sort")) {
            sort = pipeline.get(at).asDocument().getDocument("$sort");
        }
        record(collection, match, sort);
    }

    private void statements(String collection, BsonArray statements) {
        for (BsonValue statement : statements) {
            record(collection, statement.asDocument().getDocument("q", new BsonDocument()), new BsonDocument());
        }
    }

    void record(String collection, BsonDocument filter, BsonDocument sort) {
        if (collection.startsWith("system.") || sentByATest()) {
            return;
        }
        List<SortKey> sortKeys = keys(sort);
        for (Map<String, Boolean> branch : branches(filter)) {
            Set<String> equality = new java.util.TreeSet<>();
            Set<String> range = new java.util.TreeSet<>();
            branch.forEach((field, isEquality) -> (isEquality ? equality : range).add(field));
            range.removeAll(equality);
            shapes.add(new Shape(collection, Set.copyOf(equality), List.copyOf(sortKeys), Set.copyOf(range)));
        }
    }

    /**
     * Whether the query comes from a test's own code (reading what the service stored, to check it)
     * rather than the service's: the nearest platform class on the calling thread's stack was
     * loaded from {@code test-classes}. The driver calls its listeners on the thread that sends.
     */
    private static boolean sentByATest() {
        return STACK.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> c.getName().startsWith("cn.hongqiao.samecity.") && !c.getName().startsWith("cn.hongqiao.samecity.testsupport."))
                .findFirst().map(QueryShapes::isTestClass).orElse(false));
    }

    private static boolean isTestClass(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source != null && source.getLocation() != null && source.getLocation().getPath().contains("/test-classes/");
    }

    /** Each alternative of the filter ({@code $or} splits it): field to whether it is matched by equality. */
    static List<Map<String, Boolean>> branches(BsonDocument filter) {
        List<Map<String, Boolean>> branches = new ArrayList<>();
        branches.add(new LinkedHashMap<>());
        for (Map.Entry<String, BsonValue> e : filter.entrySet()) {
            String key = e.getKey();
            if (key.equals("$and")) {
                for (BsonValue part : e.getValue().asArray()) {
                    branches = cross(branches, branches(part.asDocument()));
                }
            } else if (key.equals("$or") || key.equals("$nor")) {
                List<Map<String, Boolean>> alternatives = new ArrayList<>();
                for (BsonValue part : e.getValue().asArray()) {
                    alternatives.addAll(branches(part.asDocument()));
                }
                branches = key.equals("$or") ? cross(branches, alternatives) : branches;
            } else if (e.getValue().isDocument() && e.getValue().asDocument().size() == 1 && e.getValue().asDocument().containsKey("$elemMatch")
                    && e.getValue().asDocument().get("$elemMatch").isDocument()
                    && e.getValue().asDocument().getDocument("$elemMatch").keySet().stream().noneMatch(k -> k.startsWith("$"))) {
                // an array of documents, one of which matches all of these: the fields of its elements (legs.dueOn...)
                List<Map<String, Boolean>> inner = new ArrayList<>();
                for (Map<String, Boolean> element : branches(e.getValue().asDocument().getDocument("$elemMatch"))) {
                    Map<String, Boolean> prefixed = new LinkedHashMap<>();
                    element.forEach((field, equality) -> prefixed.put(key + "." + field, equality));
                    inner.add(prefixed);
                }
                branches = cross(branches, inner);
            } else if (!key.startsWith("$")) {
                boolean equality = isEquality(e.getValue());
                for (Map<String, Boolean> branch : branches) {
                    branch.merge(key, equality, Boolean::logicalOr);
                }
            }
        }
        return branches;
    }

    private static List<Map<String, Boolean>> cross(List<Map<String, Boolean>> left, List<Map<String, Boolean>> right) {
        List<Map<String, Boolean>> all = new ArrayList<>();
        for (Map<String, Boolean> l : left) {
            for (Map<String, Boolean> r : right) {
                Map<String, Boolean> both = new LinkedHashMap<>(l);
                r.forEach((k, v) -> both.merge(k, v, Boolean::logicalOr));
                all.add(both);
            }
        }
        return all;
    }

    private static boolean isEquality(BsonValue value) {
        if (!value.isDocument()) {
            return !value.isRegularExpression();
        }
        BsonDocument operators = value.asDocument();
        if (operators.keySet().stream().noneMatch(k -> k.startsWith("$"))) {
            return true; // an embedded document, matched whole
        }
        return operators.keySet().stream().allMatch(k -> k.equals("$eq") || k.equals("$in"));
    }

    private static List<SortKey> keys(BsonDocument document) {
        List<SortKey> keys = new ArrayList<>();
        document.forEach((field, direction) -> keys.add(new SortKey(field, direction.isNumber() && direction.asNumber().intValue() < 0 ? -1 : 1)));
        return keys;
    }

    /**
     * The recorded shapes that none of {@code indexes} (by collection; {@code _id} is always there)
     * serves, each with the index that would, in ESR order.
     */
    public static List<String> unserved(Collection<Shape> shapes, Map<String, List<Index>> indexes) {
        List<String> problems = new ArrayList<>();
        for (Shape shape : shapes.stream().sorted(java.util.Comparator.comparing(Shape::toString)).toList()) {
            if (shape.isEmpty()) {
                continue; // the whole collection, asked for as such
            }
            List<List<SortKey>> candidates = new ArrayList<>();
            candidates.add(List.of(new SortKey("_id", 1)));
            indexes.getOrDefault(shape.collection(), List.of()).forEach(i -> candidates.add(i.keys()));
            if (candidates.stream().noneMatch(keys -> serves(keys, shape))) {
                problems.add(shape + ": no declared index serves it; one that would: "
                        + shape.suggestedIndex().stream().map(SortKey::toString).collect(Collectors.joining(", ", "{", "}"))
                        + " (declared: " + indexes.getOrDefault(shape.collection(), List.of()).stream().map(Index::keys).toList() + ")");
            }
        }
        return problems;
    }

    /** Whether an index with {@code keys} serves {@code shape} by the prefix and ESR rules. */
    public static boolean serves(List<SortKey> keys, Shape shape) {
        Set<String> named = new LinkedHashSet<>(shape.equality());
        named.addAll(shape.range());
        shape.sort().forEach(s -> named.add(s.field()));
        if (keys.isEmpty() || !named.contains(keys.get(0).field())) {
            return false;
        }
        List<SortKey> sort = shape.effectiveSort();
        if (sort.isEmpty()) {
            return true;
        }
        // equality fields first (any of them), then the sort's keys
        int at = 0;
        while (at < keys.size() && shape.equality().contains(keys.get(at).field())) {
            at++;
        }
        if (at + sort.size() > keys.size()) {
            return false;
        }
        boolean forward = true;
        boolean backward = true;
        for (int i = 0; i < sort.size(); i++) {
            SortKey wanted = sort.get(i);
            SortKey key = keys.get(at + i);
            if (!wanted.field().equals(key.field())) {
                return false;
            }
            forward &= wanted.direction() == key.direction();
            backward &= wanted.direction() == -key.direction();
        }
        return forward || backward;
    }

    /** Puts the recorder on every test context's MongoDB client. */
    public static final class CustomizerFactory implements ContextCustomizerFactory {
        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            ClassLoader loader = testClass.getClassLoader();
            return org.springframework.util.ClassUtils.isPresent("com.mongodb.event.CommandListener", loader)
                    && org.springframework.util.ClassUtils.isPresent("org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer", loader)
                    ? new Customizer() : null;
        }
    }

    private static final class Customizer implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getBeanFactory().registerSingleton("queryShapesRecorder",
                    (MongoClientSettingsBuilderCustomizer) settings -> settings.addCommandListener(RECORDER));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Customizer.class);
        }
    }
}
