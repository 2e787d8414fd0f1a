package cn.hongqiao.samecity.defaults.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Loads {@code seeds/<folder>/*.json} (from the classpath, so it works from the packaged jar, or
 * from a folder given by {@code platform.seeds.location}) in file-name order. Each file is
 * <pre>{ "set": "projects", "records": [ { ... }, ... ] }</pre>
 * Every record is read into its set's record type, validated, turned into the entity by the
 * domain's factory, and inserted unless a document with the same natural key exists
 * ({@code $setOnInsert} upsert): a second run changes nothing, and records changed through the
 * API since are left as they are.
 */
public class SeedLoader {

    private static final Logger log = LoggerFactory.getLogger(SeedLoader.class);

    public record FileReport(String file, String set, int records, int inserted, int present) {
    }

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Validator validator;
    private final Map<String, SeedSet<?>> sets;

    public SeedLoader(MongoTemplate mongo, JsonMapper json, Validator validator, List<SeedSet<?>> sets) {
        this.mongo = mongo;
        // Money in seed files stays exact: 12.50 is read as the decimal 12.50, never as a double.
        this.json = json.rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        this.validator = validator;
        this.sets = sets.stream().collect(Collectors.toMap(SeedSet::name, s -> s, (a, b) -> {
            throw new IllegalStateException("Two seed sets named '" + a.name() + "'");
        }, LinkedHashMap::new));
    }

    /** @param pattern a resource pattern such as {@code classpath*:seeds/projects/*.json} */
    public List<FileReport> load(String pattern) {
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver().getResources(pattern);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list seed files " + pattern, e);
        }
        Arrays.sort(resources, Comparator.comparing(r -> String.valueOf(r.getFilename())));
        List<FileReport> reports = new ArrayList<>();
        for (Resource resource : resources) {
            FileReport report = loadFile(resource);
            log.info("Seeds {}: set '{}', {} records, {} inserted, {} already present",
                    report.file(), report.set(), report.records(), report.inserted(), report.present());
            reports.add(report);
        }
        if (resources.length == 0) {
            log.info("No seed files at {}", pattern);
        }
        return reports;
    }

    private FileReport loadFile(Resource resource) {
        String file = resource.getFilename();
        JsonNode root;
        try (InputStream in = resource.getInputStream()) {
            root = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed file " + file, e);
        }
        String setName = root.path("set").asString(null);
        SeedSet<?> set = sets.get(setName);
        if (set == null) {
            throw new IllegalStateException("Seed file " + file + " names set '" + setName + "'; known sets: " + sets.keySet());
        }
        JsonNode records = root.path("records");
        if (!records.isArray()) {
            throw new IllegalStateException("Seed file " + file + " has no \"records\" array");
        }
        // Read and validate every record before writing any, so a bad file writes nothing.
        List<Document> documents = new ArrayList<>();
        Class<?> entityType = null;
        int index = 0;
        for (JsonNode node : records) {
            Object entity = toEntity(set, node, file, index++);
            entityType = entity.getClass();
            documents.add(toDocument(entity));
        }
        int inserted = 0;
        for (Document document : documents) {
            if (upsert(set, entityType, document)) {
                inserted++;
            }
        }
        return new FileReport(file, setName, documents.size(), inserted, documents.size() - inserted);
    }

    private <R> Object toEntity(SeedSet<R> set, JsonNode node, String file, int index) {
        R record;
        try {
            record = json.treeToValue(node, set.recordType());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Seed file " + file + ", record #" + index + ": " + e.getMessage(), e);
        }
        Set<ConstraintViolation<R>> violations = validator.validate(record);
        if (!violations.isEmpty()) {
            String errors = violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; "));
            throw new IllegalStateException("Seed file " + file + ", record #" + index + " is invalid: " + errors);
        }
        try {
            return set.toEntity().apply(record);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Seed file " + file + ", record #" + index + " is refused: " + e.getMessage(), e);
        }
    }

    private Document toDocument(Object entity) {
        Document document = new Document();
        mongo.getConverter().write(entity, document);
        MongoPersistentEntity<?> persistent = mongo.getConverter().getMappingContext().getRequiredPersistentEntity(entity.getClass());
        MongoPersistentProperty version = persistent.getVersionProperty();
        if (version != null) {
            document.putIfAbsent(version.getFieldName(), 0L);
        }
        Date now = new Date();
        for (MongoPersistentProperty property : persistent) {
            if (property.isAnnotationPresent(CreatedDate.class) || property.isAnnotationPresent(LastModifiedDate.class)) {
                document.putIfAbsent(property.getFieldName(), now);
            }
        }
        return document;
    }

    private boolean upsert(SeedSet<?> set, Class<?> entityType, Document document) {
        Query query = new Query();
        for (String field : set.naturalKey()) {
            if (!document.containsKey(field)) {
                throw new IllegalStateException("Seed set '" + set.name() + "': natural key field '" + field + "' is missing");
            }
            query.addCriteria(Criteria.where(field).is(document.get(field)));
        }
        Update update = new Update();
        document.forEach((field, value) -> {
            if (!field.equals("_id") && !set.naturalKey().contains(field)) {
                update.setOnInsert(field, value);
            }
        });
        return mongo.upsert(query, update, mongo.getCollectionName(entityType)).getUpsertedId() != null;
    }
}
