package cn.hongqiao.samecity.defaults.personal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service's personal-data keys: two Tink keysets, one AEAD (AES-256-GCM) that seals values and
 * one PRF (HMAC-SHA256) that makes blind indexes, held together as one JSON document
 * ({@code {"aead": <keyset>, "index": <keyset>}}) that comes from configuration: a Kubernetes Secret
 * ({@code PERSONAL_DATA_KEYSET}) or a file ({@code PERSONAL_DATA_KEYSET_FILE}; in local mode one under
 * {@code .local/keys/}, made on first start). Never committed.
 *
 * <p>Rotation: {@link #rotated} adds a new primary key to both keysets (the old ones stay, so every
 * stored value still opens); the {@link KeyRotation} job then re-seals each value not under the
 * primary keys; when it reports none left, the old keys can be dropped ({@link #withoutOldKeys}). A
 * look-up matches the blind index of every index key in the set, so it finds values whether or not
 * they were re-sealed yet.
 */
public final class PersonalDataKeys {

    private static final byte[] CONTEXT = "samecity/personal-data/v1".getBytes(StandardCharsets.UTF_8);
    private static final int INDEX_BYTES = 16;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        try {
            AeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle aeadKeys;
    private final KeysetHandle indexKeys;
    private final Aead aead;
    private final PrfSet prfs;

    private PersonalDataKeys(KeysetHandle aeadKeys, KeysetHandle indexKeys) {
        this.aeadKeys = aeadKeys;
        this.indexKeys = indexKeys;
        try {
            this.aead = aeadKeys.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.prfs = indexKeys.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The personal-data keys cannot be used: " + e.getMessage(), e);
        }
    }

    /** New keys: one AES-256-GCM key and one HMAC-SHA256 PRF key. */
    public static PersonalDataKeys generate() {
        try {
            return new PersonalDataKeys(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
                    KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The keys a {@link #toJson} document holds. */
    public static PersonalDataKeys parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!node.path("aead").isObject() || !node.path("index").isObject()) {
                throw new IllegalArgumentException("a personal-data keyset is {\"aead\": <Tink keyset>, \"index\": <Tink keyset>}");
            }
            return new PersonalDataKeys(TinkJsonProtoKeysetFormat.parseKeyset(node.path("aead").toString(), InsecureSecretKeyAccess.get()),
                    TinkJsonProtoKeysetFormat.parseKeyset(node.path("index").toString(), InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("The personal-data keyset cannot be read: " + e.getMessage(), e);
        }
    }

    /** The keys in {@code file}; made there first (readable by its owner only) when {@code create} and it does not exist. */
    public static PersonalDataKeys fromFile(Path file, boolean create) {
        try {
            if (!Files.exists(file) && create) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path made = Files.createTempFile(file.toAbsolutePath().getParent(), "personal-data", ".tmp");
                try {
                    Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the folder's permissions apply
                }
                Files.writeString(made, generate().toJson());
                try {
                    // a link is made only where no file is: another process making it at the same moment, the first one's keys are the keys
                    Files.createLink(file, made);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // theirs
                } finally {
                    Files.deleteIfExists(made);
                }
            }
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("The personal-data keyset file " + file + " cannot be read", e);
        }
    }

    /** The keys as one JSON document (secret: for a Secret or a file only). */
    public String toJson() {
        try {
            ObjectNode node = JSON.createObjectNode();
            node.set("aead", JSON.readTree(TinkJsonProtoKeysetFormat.serializeKeyset(aeadKeys, InsecureSecretKeyAccess.get())));
            node.set("index", JSON.readTree(TinkJsonProtoKeysetFormat.serializeKeyset(indexKeys, InsecureSecretKeyAccess.get())));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** These keys with a new primary key in each keyset; the old keys stay, so every value stored still opens. */
    public PersonalDataKeys rotated() {
        try {
            return new PersonalDataKeys(
                    KeysetHandle.newBuilder(aeadKeys).addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary()).build(),
                    KeysetHandle.newBuilder(indexKeys).addEntry(KeysetHandle.generateEntryFromParameters(PredefinedPrfParameters.HMAC_SHA256_PRF)
                            .withRandomId().makePrimary()).build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** These keys with the primary ones only: once the rotation job found nothing left under an old key. */
    public PersonalDataKeys withoutOldKeys() {
        try {
            return new PersonalDataKeys(onlyPrimary(aeadKeys), onlyPrimary(indexKeys));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeysetHandle onlyPrimary(KeysetHandle keys) throws GeneralSecurityException {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(keys);
        for (int i = builder.size() - 1; i >= 0; i--) {
            if (!builder.getAt(i).isPrimary()) {
                builder.deleteAt(i);
            }
        }
        return builder.build();
    }

    public int primaryKeyId() {
        return aeadKeys.getPrimary().getId();
    }

    public int primaryIndexKeyId() {
        return indexKeys.getPrimary().getId();
    }

    /** Whether a stored value is under the primary keys (else the rotation job re-seals it). */
    public boolean current(Sealed sealed) {
        return sealed.keyId() == primaryKeyId() && (sealed.index() == null || sealed.indexKeyId() == primaryIndexKeyId());
    }

    /** {@code value} sealed under the primary key, with its blind index when {@code searchable}. */
    public Sealed seal(String value, boolean searchable) {
        try {
            String ciphertext = Base64.getEncoder().encodeToString(aead.encrypt(value.getBytes(StandardCharsets.UTF_8), CONTEXT));
            return new Sealed(primaryKeyId(), ciphertext, searchable ? primaryIndexKeyId() : null,
                    searchable ? index(prfs.getPrfs().get(prfs.getPrimaryId()), value) : null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A personal value could not be sealed: " + e.getMessage(), e);
        }
    }

    /** The plain value; a value under a key no longer in the keyset cannot be opened (an error naming the key). */
    public String open(Sealed sealed) {
        try {
            return new String(aead.decrypt(Base64.getDecoder().decode(sealed.ciphertext()), CONTEXT), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A personal value sealed under key " + sealed.keyId() + " cannot be opened with these keys", e);
        }
    }

    /** The blind indexes of {@code value} under every index key: what a look-up matches (the field's {@code .i}). */
    public List<String> indexesOf(String value) {
        try {
            List<String> all = new ArrayList<>();
            for (Map.Entry<Integer, Prf> prf : prfs.getPrfs().entrySet()) {
                all.add(index(prf.getValue(), value));
            }
            return all;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A keyed fingerprint of {@code data} (HMAC-SHA256 under the primary index key, {@code <key id>:<hex>}):
     * for telling a repeated request from another one when the request holds personal data, which a
     * plain hash would give away to anyone who tries every value.
     */
    public String fingerprint(byte[] data) {
        try {
            return prfs.getPrimaryId() + ":" + java.util.HexFormat.of().formatHex(prfs.getPrfs().get(prfs.getPrimaryId()).compute(fingerprinted(data), 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code fingerprint} is {@code data}'s under the key it names (rotated or not, while that key is in the set). */
    public boolean fingerprintMatches(String fingerprint, byte[] data) {
        int colon = fingerprint.indexOf(':');
        if (colon < 1) {
            return false;
        }
        try {
            Prf prf = prfs.getPrfs().get(Integer.parseInt(fingerprint.substring(0, colon)));
            return prf != null && java.security.MessageDigest.isEqual(fingerprint.substring(colon + 1).getBytes(StandardCharsets.US_ASCII),
                    java.util.HexFormat.of().formatHex(prf.compute(fingerprinted(data), 32)).getBytes(StandardCharsets.US_ASCII));
        } catch (NumberFormatException | GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] fingerprinted(byte[] data) {
        byte[] label = "fingerprint\u0000".getBytes(StandardCharsets.UTF_8);
        byte[] input = java.util.Arrays.copyOf(label, label.length + data.length);
        System.arraycopy(data, 0, input, label.length, data.length);
        return input;
    }

    /** Case and surrounding blanks do not count: 12010619900101123x finds 12010619900101123X. */
    private static String index(Prf prf, String value) throws GeneralSecurityException {
        byte[] normalised = value.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().withoutPadding().encodeToString(prf.compute(normalised, INDEX_BYTES));
    }
}
