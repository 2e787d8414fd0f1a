package cn.hongqiao.samecity.defaults.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.jspecify.annotations.Nullable;

/**
 * The hash of the audit trail's chain ({@code platform.audit.digest}): SHA-256 by default, or SM3
 * (GB/T 32905-2016, through Bouncy Castle) where 商用密码 is required. Each record names the digest
 * it was chained with, so a trail keeps verifying after the setting changes.
 */
public enum AuditDigest {

    SHA_256("SHA-256"),
    SM3("SM3");

    private final String label;

    AuditDigest(String label) {
        this.label = label;
    }

    /** As records name it: {@code SHA-256} or {@code SM3}. */
    public String label() {
        return label;
    }

    /** The digest a record names; records written before digests were named are SHA-256. */
    static AuditDigest named(@Nullable String label) {
        if (label == null || label.equals(SHA_256.label)) {
            return SHA_256;
        }
        if (label.equals(SM3.label)) {
            return SM3;
        }
        throw new IllegalArgumentException("Unknown audit digest '" + label + "'");
    }

    /** 64 hex digits: both digests are 256 bits. */
    String hex(String canonical) {
        byte[] input = canonical.getBytes(StandardCharsets.UTF_8);
        byte[] hash;
        if (this == SM3) {
            SM3Digest sm3 = new SM3Digest();
            sm3.update(input, 0, input.length);
            hash = new byte[sm3.getDigestSize()];
            sm3.doFinal(hash, 0);
        } else {
            try {
                hash = MessageDigest.getInstance("SHA-256").digest(input);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return HexFormat.of().formatHex(hash);
    }
}
