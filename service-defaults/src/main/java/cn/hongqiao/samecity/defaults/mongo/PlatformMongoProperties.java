package cn.hongqiao.samecity.defaults.mongo;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code platform.mongodb.*}: whether this process runs its own embedded MongoDB wire server.
 *
 * @param embedded start mongo-java-server in-process instead of connecting to MongoDB; never on
 *                 unless chosen (the {@code local} profile chooses it)
 * @param storage  {@code file} (H2 file under {@code dataDir}, survives restarts) or
 *                 {@code memory} (tests)
 * @param dataDir  folder of the H2 files; each service writes {@code <name>.mv.db} there
 * @param cacheMb  the H2 page cache in MB ({@code file} storage; default 64, H2's own is 16): the embedded
 *                 server scans collections for most queries, and a cache smaller than the data
 *                 makes each scan read and decode pages from the file again
 * @param port     loopback port of the embedded server; 0 (default) picks a free one. A fixed port
 *                 lets a local tool (a benchmark's data generator) reach the embedded database.
 */
@ConfigurationProperties("platform.mongodb")
public record PlatformMongoProperties(boolean embedded, Storage storage, Path dataDir, int cacheMb, int port) {

    public enum Storage { FILE, MEMORY }

    public PlatformMongoProperties {
        storage = storage == null ? Storage.FILE : storage;
        dataDir = dataDir == null ? Path.of(".local", "data") : dataDir;
        cacheMb = cacheMb <= 0 ? 64 : cacheMb;
    }
}
