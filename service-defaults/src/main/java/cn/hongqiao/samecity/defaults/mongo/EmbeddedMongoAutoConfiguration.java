package cn.hongqiao.samecity.defaults.mongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;

/**
 * Embedded mode: this process serves its own database with mongo-java-server, a MongoDB wire
 * protocol server, and Spring Data talks to it through the real MongoDB driver over a real
 * connection. Only when {@code platform.mongodb.embedded=true} is chosen explicitly.
 *
 * <p>The embedded server has no transactions, no {@code $text} and ignores TTL and partial
 * indexes: code must not depend on them (see the README).
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@ConditionalOnClass({ MongoServer.class, H2Backend.class, ConnectionString.class })
@ConditionalOnBooleanProperty("platform.mongodb.embedded")
@EnableConfigurationProperties(PlatformMongoProperties.class)
public class EmbeddedMongoAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoAutoConfiguration.class);

    @Bean(destroyMethod = "shutdown")
    MongoServer embeddedMongoServer(PlatformMongoProperties properties, Environment env) {
        String database = databaseName(env);
        MongoBackend backend;
        if (properties.storage() == PlatformMongoProperties.Storage.MEMORY) {
            backend = new EmbeddedH2Backend(MVStore.open(null));
        } else {
            Path file = properties.dataDir().resolve(database + ".mv.db").toAbsolutePath();
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the embedded MongoDB data folder " + file.getParent(), e);
            }
            backend = new EmbeddedH2Backend(new MVStore.Builder().fileName(file.toString()).cacheSize(properties.cacheMb()).open());
            log.info("Embedded MongoDB (mongo-java-server, H2 file) for database '{}' at {}", database, file);
        }
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", properties.port());
        return server;
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer server, Environment env) {
        InetSocketAddress address = server.getLocalAddress();
        ConnectionString connection = new ConnectionString(
                "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + databaseName(env));
        return () -> connection;
    }

    /**
     * The embedded server serves a query from an index only when the query names exactly the
     * index's fields, so a versioned save ({@code _id} and the version) scanned the whole collection,
     * and every save grew slower with the data. Here only, each versioned document type gets a
     * unique index on both ({@code embedded_id_version}); a real MongoDB serves that query from
     * {@code _id} and gets no such index.
     */
    @Bean
    SmartInitializingSingleton embeddedVersionIndexes(ObjectProvider<MongoTemplate> mongo) {
        return () -> mongo.ifAvailable(template -> {
            for (MongoPersistentEntity<?> entity : template.getConverter().getMappingContext().getPersistentEntities()) {
                MongoPersistentProperty version = entity.getVersionProperty();
                if (version != null && entity.isAnnotationPresent(org.springframework.data.mongodb.core.mapping.Document.class)) {
                    template.indexOps(entity.getType()).createIndex(new Index().on("_id", Sort.Direction.ASC)
                            .on(version.getFieldName(), Sort.Direction.ASC).unique().named("embedded_id_version"));
                }
            }
        });
    }

    static String databaseName(Environment env) {
        return env.getProperty("spring.mongodb.database", env.getProperty("spring.application.name", "platform"));
    }
}
