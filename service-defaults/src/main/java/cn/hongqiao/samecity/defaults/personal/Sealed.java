package cn.hongqiao.samecity.defaults.personal;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * A personal value as stored: {@code {"sealed": 1, "k": <key id>, "c": <base64 ciphertext>}} and,
 * for a searchable value, {@code "ik": <index key id>, "i": <base64 blind index>}. The key ids tell
 * the rotation which values are still under an old key.
 */
public record Sealed(int keyId, String ciphertext, @Nullable Integer indexKeyId, @Nullable String index) {

    static final String MARK = "sealed";

    public Document toDocument() {
        Document d = new Document(MARK, 1).append("k", keyId).append("c", ciphertext);
        if (index != null) {
            d.append("ik", indexKeyId).append("i", index);
        }
        return d;
    }

    /** The sealed value this document holds, or null when it is not one. */
    public static @Nullable Sealed of(@Nullable Object stored) {
        if (stored instanceof Document d && d.get(MARK) != null && d.get("k") instanceof Number k && d.get("c") instanceof String c) {
            return new Sealed(k.intValue(), c, d.get("ik") instanceof Number ik ? ik.intValue() : null, d.getString("i"));
        }
        return null;
    }
}
