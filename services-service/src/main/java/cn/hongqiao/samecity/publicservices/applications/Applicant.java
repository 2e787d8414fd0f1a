package cn.hongqiao.samecity.publicservices.applications;

import cn.hongqiao.samecity.defaults.personal.PersonalData;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Who applies: a citizen (ID type and number) or an enterprise (credit code). The ID number is
 * kept for handling but never shown whole (see {@link #masked()}), and stored sealed, with a blind
 * index the desk's search matches ({@link PersonalData}).
 */
public record Applicant(@NotNull Kind kind, @NotBlank @Size(max = 40) String name, @Nullable IdType idType,
        @PersonalData(searchable = true) @Size(max = 30) @Nullable String idNumber, @Size(max = 18) @Nullable String creditCode) {

    public enum Kind {
        CITIZEN("个人"),
        ENTERPRISE("企业");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The Chinese name portals show. */
        public String label() {
            return label;
        }
    }

    public enum IdType {
        RESIDENT_ID("居民身份证"),
        PASSPORT("护照"),
        HK_MACAO_PERMIT("港澳居民来往内地通行证"),
        TAIWAN_PERMIT("台湾居民来往大陆通行证");

        private final String label;

        IdType(String label) {
            this.label = label;
        }

        /** The Chinese name portals show. */
        public String label() {
            return label;
        }
    }

    /** The same applicant with the ID number masked: first 4 and last 4 characters kept. */
    public Applicant masked() {
        return new Applicant(kind, name, idType, mask(idNumber), creditCode);
    }

    static String mask(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() <= 8) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 4) + "*".repeat(value.length() - 8) + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return "Applicant[" + kind + ", " + name + ", " + idType + ", " + mask(idNumber) + ", " + creditCode + "]";
    }
}
